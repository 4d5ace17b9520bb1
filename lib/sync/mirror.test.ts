// Two devices, each with its Dexie database and its PouchDB copy, replicating with one
// in-memory "server" database: what one records shows on the other, changes made apart meet
// by the documented rule, and nothing duplicates.
// Before Dexie loads: it takes the IndexedDB it finds at import.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteRangeCheck, listRangeChecks, saveRangeCheck } from '../storage/range-checks';
import { getSetting, setSetting, wipeAll } from '../storage/records';
import { saveSet } from '../storage/sets';
import { rangeCheckRecord, setRecord } from '../storage/test-records';
import { DAY, device, newServer, serverDoc, start, syncOnce } from './test-devices';

describe('the sync mirror', () => {
  it('records made on one device arrive on the other once, and a setting changed on both apart resolves to the later change', async () => {
    const clock = { t: 1_000 };
    const server = newServer();
    const phone = device('phone', clock);
    const laptop = device('laptop', clock);
    // The phone had a set before sync was turned on.
    await saveSet(phone.db, setRecord('set-phone-1', 10_000));
    await start(phone, server);
    await syncOnce(phone, server);
    await start(laptop, server);
    expect((await laptop.db.sets.toArray()).map((s) => s.id)).toEqual(['set-phone-1']);
    expect(await laptop.db.sessions.count()).toBe(1);

    // Apart: each records a set and changes the same setting, the laptop later.
    clock.t = 2_000;
    await saveSet(phone.db, setRecord('set-phone-2', 50_000_000));
    await setSetting(phone.db, 'cues.muted', true);
    clock.t = 3_000;
    await saveSet(laptop.db, setRecord('set-laptop-1', 90_000_000));
    await setSetting(laptop.db, 'cues.muted', false);
    // This device's engine choice stays here.
    await setSetting(laptop.db, 'pose.engine', 'tfjs');

    await syncOnce(phone, server);
    await syncOnce(laptop, server);
    await syncOnce(phone, server);

    for (const d of [phone, laptop]) {
      expect((await d.db.sets.toArray()).map((s) => s.id).sort()).toEqual(['set-laptop-1', 'set-phone-1', 'set-phone-2']);
      expect(await d.db.sessions.count()).toBe(3);
      expect(await getSetting(d.db, 'cues.muted')).toBe(false);
    }
    expect(await getSetting(phone.db, 'pose.engine')).toBeUndefined();
    const { rows } = await server.allDocs({ include_docs: true });
    expect(rows.filter((r) => r.id.startsWith('settings:')).map((r) => r.id)).toEqual(['settings:cues.muted']);
  });

  it('a record deleted on one device is deleted on the other', async () => {
    const clock = { t: 1_000 };
    const server = newServer();
    const a = device('a', clock);
    const b = device('b', clock);
    await start(a, server);
    await start(b, server);
    await setSetting(a.db, 'reminderTimes', ['08:00']);
    await syncOnce(a, server);
    await syncOnce(b, server);
    expect(await getSetting(b.db, 'reminderTimes')).toEqual(['08:00']);
    clock.t = 2_000;
    await a.db.settings.delete('reminderTimes');
    await syncOnce(a, server);
    await syncOnce(b, server);
    expect(await getSetting(b.db, 'reminderTimes')).toBeUndefined();
  });

  it('a range check made on one device arrives on the other exactly as saved; a deletion follows it', async () => {
    const clock = { t: 1_000 };
    const server = newServer();
    const phone = device('phone', clock);
    const laptop = device('laptop', clock);
    // One made before sync was turned on, one after.
    const before = rangeCheckRecord('rc-1', 10 * DAY);
    await saveRangeCheck(phone.db, before);
    await start(phone, server);
    await start(laptop, server);
    await syncOnce(phone, server);
    clock.t = 2_000;
    const after = rangeCheckRecord('rc-2', 17 * DAY, { engine: 'tfjs', model: 'lite' });
    await saveRangeCheck(phone.db, after);
    await syncOnce(phone, server);
    await syncOnce(laptop, server);
    expect(await listRangeChecks(laptop.db)).toEqual([before, after]);
    // One document per check, named after its table and id.
    expect((await serverDoc(server, 'rangeChecks', 'rc-2'))?.record).toEqual(after);

    clock.t = 3_000;
    await deleteRangeCheck(laptop.db, 'rc-1');
    await syncOnce(laptop, server);
    await syncOnce(phone, server);
    expect(await listRangeChecks(phone.db)).toEqual([after]);
  });

  it('"Delete everything" with sync on deletes range checks on the other devices too', async () => {
    const clock = { t: 1_000 };
    const server = newServer();
    const a = device('a', clock);
    const b = device('b', clock);
    await saveRangeCheck(a.db, rangeCheckRecord('rc-1', 10 * DAY));
    await start(a, server);
    await syncOnce(a, server);
    await start(b, server);
    expect(await b.db.rangeChecks.count()).toBe(1);
    clock.t = 2_000;
    await wipeAll(a.db, { keepSyncHistory: true });
    await syncOnce(a, server);
    await syncOnce(b, server);
    expect(await b.db.rangeChecks.count()).toBe(0);
    expect(await serverDoc(server, 'rangeChecks', 'rc-1')).toBeNull();
  });
});
