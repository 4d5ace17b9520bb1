import { describe, expect, it } from 'vitest';
import { contentHash, docIdOf, fromDocRecord, keyOf, NO_RECORD, parseDocId, recordHash, toDocRecord, travels, userDbName, userOfDb, type JsonObject } from './docs';

/** Whether a stored record and a document's record hold the same data (pictures aside). */
const sameRecord = (table: 'snapshots' | 'sets', stored: Record<string, unknown> | undefined, doc: JsonObject | null) => recordHash(table, stored) === contentHash(doc);

describe('replication documents', () => {
  it('name a record by table and key, and read the name back', () => {
    expect(docIdOf('sets', 'set-1:x')).toBe('sets:set-1:x');
    expect(parseDocId('sets:set-1:x')).toEqual({ table: 'sets', key: 'set-1:x' });
    expect(parseDocId('_design/owner')).toBeNull();
    expect(parseDocId('videos:1')).toBeNull();
    expect(parseDocId('sets:')).toBeNull();
  });

  it('never carry a snapshot picture, and keep the picture this device has', () => {
    const picture = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
    const doc = toDocRecord('snapshots', { id: 'a', takenAtMs: 1, picture, headForwardDeg: 12.5 });
    expect(doc).toEqual({ id: 'a', takenAtMs: 1, picture: null, headForwardDeg: 12.5 });
    expect(fromDocRecord('snapshots', doc, { id: 'a', picture })).toMatchObject({ picture });
    expect(fromDocRecord('snapshots', doc, undefined)).toMatchObject({ picture: null });
    expect(sameRecord('snapshots', { id: 'a', takenAtMs: 1, picture, headForwardDeg: 12.5 }, doc)).toBe(true);
  });

  it('keep this device\'s engine choices on this device', () => {
    expect(travels('settings', 'pose.engine')).toBe(false);
    expect(travels('settings', 'pose.autoModel')).toBe(false);
    // Keeping landmarks fills this device's storage: turned on on a phone, a laptop keeps none.
    expect(travels('settings', 'tracks.keep')).toBe(false);
    expect(travels('settings', 'cues.muted')).toBe(true);
    expect(travels('sets', 'pose.engine')).toBe(true);
  });

  it('compare records whatever their key order, and drop undefined fields', () => {
    expect(sameRecord('sets', { id: 'a', b: 1, c: undefined }, { b: 1, id: 'a' })).toBe(true);
    expect(sameRecord('sets', { id: 'a', b: 1 }, { id: 'a', b: 2 })).toBe(false);
    expect(sameRecord('sets', undefined, null)).toBe(true);
  });

  it('read a record\'s own key, or none', () => {
    expect(keyOf('settings', { key: 'cues.muted', value: true })).toBe('cues.muted');
    expect(keyOf('sets', { id: 's1' })).toBe('s1');
    expect(keyOf('sets', { id: 5 })).toBeNull();
    expect(keyOf('checkIns', {})).toBeNull();
    expect(recordHash('sets', undefined)).toBe(NO_RECORD);
  });

  it('use CouchDB\'s per-user database names', () => {
    expect(userDbName('alice')).toBe('userdb-616c696365');
    expect(userOfDb('userdb-616c696365')).toBe('alice');
    expect(userOfDb(userDbName('Zoë'))).toBe('Zoë');
    expect(userOfDb('posture')).toBeNull();
  });
});
