// Two devices, each with its Dexie database and its PouchDB copy, replicating with one
// in-memory "server" database: what one records shows on the other, changes made apart meet
// by the documented rule, and nothing duplicates.
import 'fake-indexeddb/auto';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { PostureDb } from '../storage/db';
import { getSetting, setSetting } from '../storage/records';
import { saveSet } from '../storage/sets';
import { setRecord } from '../storage/test-records';
import { Mirror, type SyncDocs } from './mirror';

const require = createRequire(import.meta.url);
const PouchDB = (require('pouchdb-core') as PouchDB.Static).plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-replication'));

let n = 0;
const open: { stop(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.stop();
});

async function device(name: string, clock: { t: number }) {
  const id = `${name}-${++n}`;
  const db = new PostureDb(`mirror-${id}`);
  const docs = new PouchDB(`docs-${id}`, { adapter: 'memory' }) as unknown as SyncDocs;
  const mirror = new Mirror(db, docs, { device: name, now: () => clock.t });
  return { db, docs, mirror };
}

/** One replication pass each way between a device and the server, then its mirror catches up. */
async function syncOnce(d: { docs: SyncDocs; mirror: Mirror }, server: SyncDocs) {
  const caughtUp = async () => {
    // The live feed picks up what arrived; wait until it has been written into Dexie.
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await d.mirror.idle();
    }
  };
  await d.docs.replicate.from(server);
  // The app tells the mirror once the first pull has finished (the device's own records are then compared).
  await d.mirror.markPulled();
  await caughtUp();
  await d.docs.replicate.to(server);
  await d.docs.replicate.from(server);
  await caughtUp();
}

describe('the sync mirror', () => {
  it('records made on one device arrive on the other once, and a setting changed on both apart resolves to the later change', async () => {
    const clock = { t: 1_000 };
    const server = new PouchDB(`server-${++n}`, { adapter: 'memory' }) as unknown as SyncDocs;
    const phone = await device('phone', clock);
    const laptop = await device('laptop', clock);
    // The phone had a set before sync was turned on.
    await saveSet(phone.db, setRecord('set-phone-1', 10_000));
    await phone.mirror.start();
    await laptop.mirror.start();
    open.push(phone.mirror, laptop.mirror);
    await syncOnce(phone, server);
    await syncOnce(laptop, server);
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
    const server = new PouchDB(`server-${++n}`, { adapter: 'memory' }) as unknown as SyncDocs;
    const a = await device('a', clock);
    const b = await device('b', clock);
    await a.mirror.start();
    await b.mirror.start();
    open.push(a.mirror, b.mirror);
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
});
