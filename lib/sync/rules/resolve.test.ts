import { describe, expect, it } from 'vitest';
import { canonical, type RecordDoc } from './docs';
import { resolveConflict } from './resolve';

const setting = (rev: string, value: boolean, editedAtMs: number, device: string): RecordDoc => ({
  _id: 'settings:cues.muted',
  _rev: rev,
  table: 'settings',
  record: { key: 'cues.muted', value },
  editedAtMs,
  device,
});

const session = (rev: string, setIds: string[], startedAt: number, endedAt: number, editedAtMs: number, device: string): RecordDoc => ({
  _id: 'sessions:session-a',
  _rev: rev,
  table: 'sessions',
  record: { id: 'session-a', exerciseId: 'squat', setIds, startedAt, endedAt },
  editedAtMs,
  device,
});

/** The outcome without the revision it is written on: what every device must agree on. */
const outcome = (current: RecordDoc, others: RecordDoc[]) => {
  const { doc } = resolveConflict(current, others);
  const { _rev, ...rest } = doc;
  void _rev;
  return canonical(rest);
};

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('conflicting settings', () => {
  it('the later edit wins, whichever revision the database picked', () => {
    const phone = setting('2-aaa', true, 1_000, 'phone');
    const laptop = setting('2-bbb', false, 2_000, 'laptop');
    expect(resolveConflict(phone, [laptop]).doc.record).toEqual({ key: 'cues.muted', value: false });
    expect(resolveConflict(laptop, [phone]).doc.record).toEqual({ key: 'cues.muted', value: false });
    expect(resolveConflict(laptop, [phone])).toMatchObject({ changed: false, losers: ['2-aaa'] });
    expect(resolveConflict(phone, [laptop])).toMatchObject({ changed: true, losers: ['2-bbb'] });
  });

  it('a tie in time goes to the larger device id, then the larger revision: the same on every device', () => {
    const a = setting('2-aaa', true, 5_000, 'device-a');
    const b = setting('2-bbb', false, 5_000, 'device-b');
    const c = setting('2-ccc', true, 5_000, 'device-b');
    const outcomes = new Set(permutations([a, b, c]).map(([cur, ...rest]) => outcome(cur, rest)));
    expect(outcomes.size).toBe(1);
    expect(resolveConflict(a, [b, c]).doc.record).toEqual({ key: 'cues.muted', value: true });
  });

  it('a deletion made later wins over an edit, and an edit made later wins over a deletion', () => {
    const edit = setting('3-aaa', true, 1_000, 'phone');
    const del: RecordDoc = { ...setting('3-bbb', true, 2_000, 'laptop'), _deleted: true, record: null };
    expect(resolveConflict(edit, [del]).doc).toMatchObject({ _deleted: true, record: null });
    const laterEdit = { ...edit, editedAtMs: 3_000 };
    expect(resolveConflict(del, [laterEdit]).doc).toMatchObject({ record: { value: true } });
    expect(resolveConflict(del, [laterEdit]).doc._deleted).toBeUndefined();
  });
});

describe('conflicting sessions', () => {
  it('keep every set either device added, the earliest start and the latest end', () => {
    const phone = session('2-aaa', ['s1', 's2'], 1_000, 5_000, 5_000, 'phone');
    const laptop = session('2-bbb', ['s1', 's3'], 1_000, 9_000, 9_000, 'laptop');
    const { doc } = resolveConflict(phone, [laptop]);
    expect(doc.record).toMatchObject({ setIds: ['s1', 's3', 's2'], startedAt: 1_000, endedAt: 9_000 });
    const outcomes = new Set(permutations([phone, laptop]).map(([cur, ...rest]) => outcome(cur, rest)));
    expect(outcomes.size).toBe(1);
  });

  it('three revisions in any order give one outcome', () => {
    const revs = [
      session('3-a', ['s1'], 2_000, 3_000, 3_000, 'a'),
      session('3-b', ['s1', 's4'], 1_500, 4_000, 4_000, 'b'),
      session('3-c', ['s1', 's5'], 2_000, 3_500, 3_500, 'c'),
    ];
    const outcomes = new Set(permutations(revs).map(([cur, ...rest]) => outcome(cur, rest)));
    expect(outcomes.size).toBe(1);
    expect(resolveConflict(revs[0], revs.slice(1)).doc.record).toMatchObject({ setIds: ['s1', 's4', 's5'], startedAt: 1_500, endedAt: 4_000 });
  });
});
