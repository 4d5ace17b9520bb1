// What arrives from the server cannot harm a record, and no order of edits or clock can lose
// one. Each test reproduces a fault found by trying (issue 18, points 7-12): documents written
// by the person's own account or a buggy device, logging in again after "Stop syncing",
// deletions against edits, a device whose clock runs fast, and an edit still queued when the
// page closed. Dexie on fake-indexeddb, PouchDB in memory; the "server" is a PouchDB database
// both devices replicate with (./test-devices.ts).
// Before Dexie loads: it takes the IndexedDB it finds at import.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getSetting, setSetting, wipeAll } from '../storage/records';
import { saveSet } from '../storage/sets';
import { rangeCheckRecord, setRecord } from '../storage/test-records';
import { Mirror, type SyncDocs } from './mirror';
import { DAY, device, freshName, newServer, PouchDB, reopen, serverDoc, serverWrite, settle, start, syncOnce } from './test-devices';

describe('documents that arrive are checked, one by one (issue 18: 7-9)', () => {
  it('a record with wrong field types, or a device-only setting filed under another id, never reaches the app; it is set aside with a reason', async () => {
    const server = newServer();
    const phone = device('phone', { t: 1_000 });
    await start(phone, server);
    const good = setRecord('good-1', 10 * DAY);
    await serverWrite(server, [
      { table: 'sets', key: 'good-1', record: good },
      { table: 'sets', key: 'bad-types', record: { ...setRecord('bad-types', 11 * DAY), startedAt: 'yesterday', summary: 'lots' } },
      { table: 'settings', key: 'cues.muted', record: { key: 'pose.engine', value: 'tfjs' } },
      { table: 'settings', key: 'pose.model', record: { key: 'pose.model', value: 'heavy' } },
    ]);
    await syncOnce(phone, server);
    expect((await phone.db.sets.toArray()).map((s) => s.id)).toEqual(['good-1']);
    expect(await phone.db.sets.get('good-1')).toEqual(good);
    expect(await getSetting(phone.db, 'pose.engine')).toBeUndefined();
    expect(await getSetting(phone.db, 'pose.model')).toBeUndefined();
    expect(await getSetting(phone.db, 'cues.muted')).toBeUndefined();
    const aside = await phone.mirror.setAside();
    expect(aside.map((a) => a.id).sort()).toEqual(['sets:bad-types', 'settings:cues.muted']);
    expect(aside.find((a) => a.id === 'sets:bad-types')?.reason).toMatch(/startedAt/);
    expect(aside.find((a) => a.id === 'settings:cues.muted')?.reason).toMatch(/pose\.engine/);
    // Set aside, not lost: the server still holds them as they were.
    expect((await serverDoc(server, 'sets', 'bad-types'))?.record?.startedAt).toBe('yesterday');
  });

  it('a damaged range check is set aside with a reason while the good range checks of its batch arrive', async () => {
    const server = newServer();
    const phone = device('phone', { t: 1_000 });
    await start(phone, server);
    const good = rangeCheckRecord('rc-good', 10 * DAY);
    const check = rangeCheckRecord('rc-bad', 11 * DAY);
    const tooMany = { ...check, results: [{ ...check.results[0], trialsDeg: Array.from({ length: 51 }, () => 40) }] };
    const unknownMeasure = { ...check, id: 'rc-odd', results: [{ ...check.results[0], measure: 'neck-twist' }] };
    await serverWrite(server, [
      { table: 'rangeChecks', key: 'rc-good', record: good },
      { table: 'rangeChecks', key: 'rc-bad', record: tooMany },
      { table: 'rangeChecks', key: 'rc-odd', record: unknownMeasure },
    ]);
    await syncOnce(phone, server);
    expect(await phone.db.rangeChecks.toArray()).toEqual([good]);
    const aside = await phone.mirror.setAside();
    expect(aside.map((a) => a.id).sort()).toEqual(['rangeChecks:rc-bad', 'rangeChecks:rc-odd']);
    expect(aside.find((a) => a.id === 'rangeChecks:rc-bad')?.reason).toMatch(/range check.*trialsDeg/);
    expect(aside.find((a) => a.id === 'rangeChecks:rc-odd')?.reason).toMatch(/range check.*measure/);
    // The next start deletes nothing; the server keeps them as they were.
    await reopen(phone);
    await syncOnce(phone, server);
    for (const key of ['rc-good', 'rc-bad', 'rc-odd']) expect((await serverDoc(server, 'rangeChecks', key))?._rev).toMatch(/^1-/);
    expect(await phone.db.rangeChecks.toArray()).toEqual([good]);
  });

  it('a record without its key fails alone: the good records of its batch arrive, start never fails, and nothing is deleted anywhere', async () => {
    const server = newServer();
    const phone = device('phone', { t: 1_000 });
    await start(phone, server);
    const { id: _dropped, ...keyless } = setRecord('no-key', 12 * DAY);
    void _dropped;
    // The bad one is the last change the device receives.
    await serverWrite(server, [
      { table: 'sets', key: 'good-2', record: setRecord('good-2', 10 * DAY) },
      { table: 'sets', key: 'good-3', record: setRecord('good-3', 11 * DAY) },
      { table: 'sets', key: 'no-key', record: keyless },
    ]);
    await syncOnce(phone, server);
    expect((await phone.db.sets.toArray()).map((s) => s.id).sort()).toEqual(['good-2', 'good-3']);
    // The next start works, and sends no deletion.
    await reopen(phone);
    await syncOnce(phone, server);
    for (const key of ['good-2', 'good-3', 'no-key']) expect((await serverDoc(server, 'sets', key))?._deleted).toBeUndefined();
    expect((await serverDoc(server, 'sets', 'good-2'))?._rev).toMatch(/^1-/);
    expect((await phone.mirror.setAside()).map((a) => a.id)).toEqual(['sets:no-key']);
  });

  it('a document whose record names another id cannot overwrite that record, here or (at the next start) anywhere', async () => {
    const server = newServer();
    const phone = device('phone', { t: 1_000 });
    await start(phone, server);
    const victim = setRecord('victim', 10 * DAY);
    await serverWrite(server, [{ table: 'sets', key: 'victim', record: victim }]);
    await syncOnce(phone, server);
    const rev = (await serverDoc(server, 'sets', 'victim'))?._rev;
    await serverWrite(server, [{ table: 'sets', key: 'impostor', record: { ...victim, status: 'ended', exerciseName: 'Forged' } }]);
    await syncOnce(phone, server);
    expect(await phone.db.sets.get('victim')).toEqual(victim);
    await reopen(phone);
    await syncOnce(phone, server);
    expect((await serverDoc(server, 'sets', 'victim'))?._rev).toBe(rev);
    expect(await phone.db.sets.get('victim')).toEqual(victim);
    expect((await phone.mirror.setAside()).map((a) => a.id)).toEqual(['sets:impostor']);
  });
});

describe('conflicts and copies left by faults', () => {
  it('a damaged revision in a conflict neither wins nor gets the good one deleted', async () => {
    const server = newServer();
    const phone = device('phone', { t: 1_000 });
    await start(phone, server);
    const good = setRecord('s1', 10 * DAY);
    // Two writers made the same document apart: one good, one damaged with a later stamp.
    const a = new PouchDB(freshName('writer'), { adapter: 'memory' }) as unknown as SyncDocs;
    const b = new PouchDB(freshName('writer'), { adapter: 'memory' }) as unknown as SyncDocs;
    await serverWrite(a, [{ table: 'sets', key: 's1', record: good, editedAtMs: 5_000 }]);
    await serverWrite(b, [{ table: 'sets', key: 's1', record: { ...good, startedAt: 'later' }, editedAtMs: 9_000 }]);
    await a.replicate.to(server);
    await b.replicate.to(server);
    await syncOnce(phone, server);
    await syncOnce(phone, server);
    const leaves = (await server.get('sets:s1', { open_revs: 'all' } as never)) as unknown as { ok?: { _deleted?: boolean } }[];
    expect(leaves.filter((l) => l.ok && !l.ok._deleted)).toHaveLength(2);
    const stored = await phone.db.sets.get('s1');
    // Either the good one (when the database shows it) or nothing new, never the damaged one.
    if (stored) expect(stored).toEqual(good);
  });

  it('a copy made by the earlier version, which skipped a batch, takes the skipped records instead of deleting them', async () => {
    const server = newServer();
    const phone = device('phone', { t: 1_000 });
    await start(phone, server);
    await serverWrite(server, [{ table: 'sets', key: 'skipped', record: setRecord('skipped', 10 * DAY), device: 'laptop' }]);
    await phone.docs.replicate.from(server);
    await settle(phone);
    // As the earlier version left it: the document in the copy, the record never written into Dexie, no agreed contents.
    phone.mirror.stop();
    await phone.db.sets.clear();
    await phone.db.syncBase.clear();
    const state = (await phone.docs.get('_local/posture-mirror')) as unknown as Record<string, unknown>;
    const { pulled: _p, bases: _b, clock: _c, setAside: _s, setAsideCount: _n, ...old } = state;
    void [_p, _b, _c, _s, _n];
    await phone.docs.put(old as never);
    await reopen(phone);
    await syncOnce(phone, server);
    expect((await phone.db.sets.toArray()).map((x) => x.id)).toEqual(['skipped']);
    expect((await serverDoc(server, 'sets', 'skipped'))?._deleted).toBeUndefined();
  });
});

describe('an order of edits that clocks cannot break (issue 18: 10-12)', () => {
  it('logging in again after "Stop syncing" keeps the records as they were: edits and deletions made elsewhere meanwhile win, unchanged records are not stamped again', async () => {
    const server = newServer();
    const clock = { t: 1_000 };
    const laptop = device('laptop', clock);
    const phone = device('phone', clock);
    await saveSet(laptop.db, setRecord('kept', 10 * DAY));
    await saveSet(laptop.db, setRecord('deleted-elsewhere', 11 * DAY));
    await setSetting(laptop.db, 'cues.muted', false);
    await start(laptop, server);
    await syncOnce(laptop, server);
    await start(phone, server);
    expect(await phone.db.sets.count()).toBe(2);
    const keptRev = (await serverDoc(server, 'sets', 'kept'))?._rev;

    // The laptop stops syncing (its sync copy is removed; its records stay).
    laptop.mirror.stop();
    await laptop.docs.destroy();
    // Meanwhile the phone changes the setting and deletes a set.
    clock.t = 50_000;
    await setSetting(phone.db, 'cues.muted', true);
    await phone.db.sets.delete('deleted-elsewhere');
    await syncOnce(phone, server);

    // The laptop logs in again, much later.
    clock.t = 9_000_000;
    laptop.docs = new PouchDB(freshName('docs-laptop-again'), { adapter: 'memory' }) as unknown as SyncDocs;
    laptop.mirror = new Mirror(laptop.db, laptop.docs, { device: 'laptop', now: () => clock.t });
    await start(laptop, server);
    await syncOnce(laptop, server);
    await syncOnce(phone, server);
    for (const d of [laptop, phone]) {
      expect((await d.db.sets.toArray()).map((s) => s.id)).toEqual(['kept']);
      expect(await getSetting(d.db, 'cues.muted')).toBe(true);
    }
    expect((await serverDoc(server, 'sets', 'kept'))?._rev).toBe(keptRev);
    expect((await serverDoc(server, 'sets', 'deleted-elsewhere'))).toBeNull();
  });

  it('"Delete everything" after "Stop syncing" clears only this device: logging in again brings the records back and deletes nothing on the server', async () => {
    const server = newServer();
    const clock = { t: 1_000 };
    const laptop = device('laptop', clock);
    await saveSet(laptop.db, setRecord('s1', 10 * DAY));
    await setSetting(laptop.db, 'cues.muted', true);
    await start(laptop, server);
    await syncOnce(laptop, server);
    laptop.mirror.stop();
    await laptop.docs.destroy();
    await wipeAll(laptop.db);
    laptop.docs = new PouchDB(freshName('docs-laptop-again'), { adapter: 'memory' }) as unknown as SyncDocs;
    laptop.mirror = new Mirror(laptop.db, laptop.docs, { device: 'laptop', now: () => clock.t });
    await start(laptop, server);
    await syncOnce(laptop, server);
    expect((await laptop.db.sets.toArray()).map((s) => s.id)).toEqual(['s1']);
    expect(await getSetting(laptop.db, 'cues.muted')).toBe(true);
    expect((await serverDoc(server, 'sets', 's1'))?._rev).toMatch(/^1-/);
  });

  it('a record deleted here right after logging in again, before the server was read, stays deleted', async () => {
    const server = newServer();
    const clock = { t: 1_000 };
    const laptop = device('laptop', clock);
    await saveSet(laptop.db, setRecord('gone', 10 * DAY));
    await saveSet(laptop.db, setRecord('kept', 11 * DAY));
    await start(laptop, server);
    await syncOnce(laptop, server);
    laptop.mirror.stop();
    await laptop.docs.destroy();
    laptop.docs = new PouchDB(freshName('docs-laptop-again'), { adapter: 'memory' }) as unknown as SyncDocs;
    laptop.mirror = new Mirror(laptop.db, laptop.docs, { device: 'laptop', now: () => clock.t });
    await laptop.mirror.start();
    clock.t = 5_000;
    await laptop.db.sets.delete('gone');
    await settle(laptop);
    await laptop.docs.replicate.from(server);
    await settle(laptop);
    await laptop.mirror.markPulled();
    await syncOnce(laptop, server);
    expect((await laptop.db.sets.toArray()).map((x) => x.id)).toEqual(['kept']);
    expect(await serverDoc(server, 'sets', 'gone')).toBeNull();
  });

  it('a deletion made after an edit wins, on every device', async () => {
    const server = newServer();
    const a = device('a', { t: 1_000 });
    const b = device('b', { t: 1_000 });
    await saveSet(a.db, setRecord('s', 10 * DAY));
    await start(a, server);
    await syncOnce(a, server);
    await start(b, server);
    expect(await b.db.sets.count()).toBe(1);
    // Apart: a edits the set, b deletes it later.
    a.clock.t = 2_000;
    await a.db.sets.update('s', { status: 'ended' });
    b.clock.t = 3_000;
    await b.db.sets.delete('s');
    await syncOnce(a, server);
    await syncOnce(b, server);
    await syncOnce(a, server);
    await syncOnce(b, server);
    expect(await a.db.sets.count()).toBe(0);
    expect(await b.db.sets.count()).toBe(0);
  });

  it('a device whose clock runs a day fast wins no conflict against a later edit once the devices have synced', async () => {
    const server = newServer();
    const T = 100 * DAY;
    const fast = device('fast', { t: T + DAY });
    const right = device('right', { t: T });
    await start(fast, server);
    await start(right, server);
    await setSetting(fast.db, 'reminderTimes', ['08:00']);
    await syncOnce(fast, server);
    await syncOnce(right, server);
    expect(await getSetting(right.db, 'reminderTimes')).toEqual(['08:00']);
    // Apart: the fast device changes sound at 10 past (by real time), the other device at 20 past.
    fast.clock.t = T + DAY + 10 * 60_000;
    await setSetting(fast.db, 'cues.muted', true);
    right.clock.t = T + 20 * 60_000;
    await setSetting(right.db, 'cues.muted', false);
    await syncOnce(fast, server);
    await syncOnce(right, server);
    await syncOnce(fast, server);
    // The later edit wins on both, although the fast clock read a day more.
    expect(await getSetting(fast.db, 'cues.muted')).toBe(false);
    expect(await getSetting(right.db, 'cues.muted')).toBe(false);
    // And when the fast device's edit is the later one, it wins.
    fast.clock.t = T + DAY + 40 * 60_000;
    await setSetting(fast.db, 'cues.muted', true);
    right.clock.t = T + 30 * 60_000;
    await setSetting(right.db, 'reminderTimes', ['09:00']);
    await setSetting(right.db, 'cues.muted', false);
    await syncOnce(right, server);
    await syncOnce(fast, server);
    await syncOnce(right, server);
    expect(await getSetting(fast.db, 'cues.muted')).toBe(true);
    expect(await getSetting(right.db, 'cues.muted')).toBe(true);
    expect(await getSetting(fast.db, 'reminderTimes')).toEqual(['09:00']);
  });

  it('an edit still queued when the page closed is kept, even when a change to the same record arrived meanwhile', async () => {
    const server = newServer();
    const a = device('a', { t: 1_000 });
    const b = device('b', { t: 1_000 });
    await setSetting(a.db, 'reminderTimes', ['08:00']);
    await start(a, server);
    await syncOnce(a, server);
    await start(b, server);
    // a edits, and its page closes before the edit reaches the sync copy.
    a.mirror.stop();
    a.clock.t = 3_000;
    await setSetting(a.db, 'reminderTimes', ['07:30']);
    // Meanwhile b changes the same record, and that change reaches a's sync copy.
    b.clock.t = 2_000;
    await setSetting(b.db, 'reminderTimes', ['21:00']);
    await syncOnce(b, server);
    await a.docs.replicate.from(server);
    await reopen(a);
    await syncOnce(a, server);
    await syncOnce(b, server);
    expect(await getSetting(a.db, 'reminderTimes')).toEqual(['07:30']);
    expect(await getSetting(b.db, 'reminderTimes')).toEqual(['07:30']);
  });
});
