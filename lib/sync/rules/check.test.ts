import { describe, expect, it } from 'vitest';
import { checkInRecord, rangeCheckRecord, setRecord } from '../../storage/test-records';
import { checkDoc } from './check';

const doc = (id: string, table: string, record: unknown, extra: Record<string, unknown> = {}) => ({ _id: id, _rev: '1-a', table, record, editedAtMs: 1_000, device: 'phone', ...extra });

describe('checking a document that arrives', () => {
  it('passes a record the app wrote, and a deletion', () => {
    const set = setRecord('s1', 5_000);
    expect(checkDoc(doc('sets:s1', 'sets', set))).toMatchObject({ kind: 'record', table: 'sets', key: 's1', record: set, stamp: { wallMs: 1_000, counter: 0, device: 'phone' } });
    expect(checkDoc({ _id: 'sets:s1', _rev: '2-b', _deleted: true })).toMatchObject({ kind: 'record', record: null, stamp: { wallMs: 0 } });
    expect(checkDoc(doc('checkIns:c1', 'checkIns', checkInRecord('c1', 5_000, null, 2)))).toMatchObject({ kind: 'record' });
    const range = rangeCheckRecord('r1', 5_000);
    expect(checkDoc(doc('rangeChecks:r1', 'rangeChecks', range))).toMatchObject({ kind: 'record', table: 'rangeChecks', key: 'r1', record: range });
  });

  it('leaves other documents and other devices\' own settings alone', () => {
    expect(checkDoc({ _id: '_design/posture-owner', validate_doc_update: 'x' })).toEqual({ kind: 'other' });
    expect(checkDoc(doc('settings:pose.engine', 'settings', { key: 'pose.engine', value: 'tfjs' }))).toEqual({ kind: 'device-only' });
  });

  it.each([
    ['wrong field types', doc('sets:s1', 'sets', { ...setRecord('s1', 5_000), startedAt: 'yesterday' }), /startedAt/],
    ['a missing key', doc('sets:s1', 'sets', { ...setRecord('s1', 5_000), id: undefined }), /id/],
    ['a record naming another id', doc('sets:s1', 'sets', setRecord('s2', 5_000)), /"s2".*"s1"/],
    ['a device-only setting under another id', doc('settings:cues.muted', 'settings', { key: 'pose.engine', value: 'tfjs' }), /pose\.engine/],
    ['a table that differs from the id', doc('sets:s1', 'checkIns', setRecord('s1', 5_000)), /belongs to "checkIns"/],
    ['an unknown table', doc('videos:v1', 'videos', { id: 'v1' }), /not a kind of record/],
    ['no stamp', { _id: 'sets:s1', table: 'sets', record: setRecord('s1', 5_000) }, /stamp/],
    ['a stamp far beyond any date', doc('sets:s1', 'sets', setRecord('s1', 5_000), { editedAtMs: 1e20 }), /stamp/],
    ['a picture', doc('snapshots:p1', 'snapshots', { id: 'p1', picture: 'data:image/jpeg;base64,AAAA' }), /picture/],
    ['an extra field', doc('sets:s1', 'sets', { ...setRecord('s1', 5_000), admin: true }), /exercise set/],
    ['a range check with too many trials', doc('rangeChecks:r1', 'rangeChecks', rangeCheckRecord('r1', 5_000, { results: [{ measure: 'reach', trialsDeg: Array.from({ length: 51 }, () => 150), medianDeg: 150, spreadDeg: 0, refusals: [] }] })), /not a valid range check \(results\.0\.trialsDeg/],
    ['a range check with an unknown refusal', doc('rangeChecks:r1', 'rangeChecks', rangeCheckRecord('r1', 5_000, { results: [{ measure: 'reach', trialsDeg: [], medianDeg: null, spreadDeg: null, refusals: [{ code: 'sneezed' as never, message: 'x', count: 1 }] }] })), /range check \(results\.0\.refusals\.0\.code/],
    ['a range check naming another id', doc('rangeChecks:r1', 'rangeChecks', rangeCheckRecord('r2', 5_000)), /"r2".*"r1"/],
    ['no record', doc('sets:s1', 'sets', null), /no record/],
    ['a list for a record', doc('sets:s1', 'sets', [1, 2]), /no record/],
    ['not an object', 'sets:s1', /not a document/],
    ['no id', { table: 'sets' }, /no id/],
  ])('refuses %s, with a reason', (_what, input, reason) => {
    const c = checkDoc(input);
    expect(c.kind).toBe('refused');
    expect(c.kind === 'refused' && c.reason).toMatch(reason);
  });

  it('never throws, however deep the damage', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkDoc(doc('settings:x', 'settings', { key: 'x', value: deep })).kind).toBe('refused');
  });
});
