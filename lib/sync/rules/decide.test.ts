import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { NO_RECORD } from './docs';

const live = (hash: string) => ({ kind: 'live' as const, hash });

describe('what to do with one record', () => {
  it('the same on both sides: agreed', () => {
    expect(decide('a', undefined, live('a'))).toBe('agree');
    expect(decide(NO_RECORD, 'a', { kind: 'deleted' })).toBe('agree');
    expect(decide(NO_RECORD, undefined, { kind: 'none' })).toBe('agree');
  });

  it('changed here since the last agreement: sent, over an edit, a deletion or a refused document', () => {
    expect(decide('b', 'a', live('c'))).toBe('push');
    expect(decide('b', 'a', { kind: 'deleted' })).toBe('push');
    expect(decide(NO_RECORD, 'a', live('c'))).toBe('push');
    expect(decide('b', 'a', { kind: 'refused' })).toBe('push');
    // Deleted everywhere and agreed, then made again here.
    expect(decide('b', NO_RECORD, { kind: 'deleted' })).toBe('push');
  });

  it('unchanged here: the server\'s edit or deletion is taken; a record the server lost is sent again', () => {
    expect(decide('a', 'a', live('c'))).toBe('apply');
    expect(decide('a', 'a', { kind: 'deleted' })).toBe('apply');
    expect(decide('a', 'a', { kind: 'none' })).toBe('push');
  });

  it('a refused document never overwrites or deletes anything here', () => {
    expect(decide('a', 'a', { kind: 'refused' })).toBe('keep');
    expect(decide('a', undefined, { kind: 'refused' })).toBe('keep');
    expect(decide(NO_RECORD, undefined, { kind: 'refused' })).toBe('keep');
  });

  it('no history here: a record the server lacks is sent, one it has differently goes to the conflict rule', () => {
    expect(decide('a', undefined, { kind: 'none' })).toBe('push');
    expect(decide('a', undefined, live('b'))).toBe('merge');
    expect(decide('a', undefined, { kind: 'deleted' })).toBe('merge');
    expect(decide(NO_RECORD, undefined, live('b'))).toBe('apply');
  });
});
