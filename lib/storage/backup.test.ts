import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCounter, getExercise, stepCounter, summarizeCounter, type CounterState } from '../exercise';
import { applyDecision, decideWeek, startProgramme } from '../progression';
import { applyImport, backupToBlob, exportBackup, MAX_BACKUP_BYTES, readBackupFile, type BackupFile } from './backup';
import { PostureDb, TABLE_NAMES } from './db';
import { BackupError, StorageError } from './errors';
import { saveRangeCheck } from './range-checks';
import { createOrJoinSession, saveCheckIn, saveProgramme, setSetting, wipeAll } from './records';
import { saveSet } from './sets';
import { saveSnapshot } from './snapshots';
import { checkInRecord, MIN, pictureBlob, rangeCheckRecord, setRecord, snapshotRecord, T0 } from './test-records';

let n = 0;
const dbs: PostureDb[] = [];
function freshDb(): PostureDb {
  const db = new PostureDb(`backup-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) await db.delete();
});

const DAY = 86_400_000;

/** A real counter part-way through a wall hold: what the session page autosaves. */
function liveCounter(): { state: CounterState; startedAtMs: number } {
  const exercise = getExercise('wall-extension-hold');
  if (!exercise) throw new Error('catalogue has no wall-extension-hold');
  let state = createCounter(exercise, { baselineDeg: 2 });
  for (let t = 0; t <= 14_000; t += 100) {
    const valueDeg = t < 1000 ? 0 : t < 12_000 ? 12 : 0;
    state = stepCounter(state, { timestampMs: 1_000_000 + t, valueDeg: valueDeg + 2, status: 'ok', peopleCount: 1, headForwardDeg: 48 }).state;
  }
  return { state, startedAtMs: 1_000_000 };
}

/** A database with something in every table, written the way the app writes it. */
async function filledDb(): Promise<PostureDb> {
  const db = freshDb();
  await saveSnapshot(db, snapshotRecord('snap-1', T0, pictureBlob(5000)));
  await saveSnapshot(db, snapshotRecord('snap-2', T0 + DAY, null));
  await saveSnapshot(db, snapshotRecord('snap-3', T0 + 2 * DAY, new Blob([], { type: '' })));
  const s1 = await createOrJoinSession(db, setRecord('set-1', T0, 5));
  await saveSet(db, setRecord('set-2', T0 + 10 * MIN, 6));
  await saveSet(db, setRecord('set-3', T0 + 15 * MIN, 4, 'cat-cow'));
  const live = liveCounter();
  await saveSet(
    db,
    setRecord('set-4', T0 + DAY, 3, 'wall-extension-hold', { status: 'in-progress', counterState: live.state, summary: summarizeCounter(live.state) }),
  );
  await saveCheckIn(db, checkInRecord('ci-1', T0 + 20 * MIN, s1, 2, { redFlags: ['tingling', 'burning'], note: 'Tight, "pinchy", then fine,\nbetter after' }));
  await saveCheckIn(db, checkInRecord('ci-2', T0 + 2 * DAY, null, 0));
  const start = startProgramme(T0);
  const week = T0 + 8 * DAY;
  await saveProgramme(db, { state: applyDecision(start, decideWeek({ state: start, sets: [], checkIns: [], atMs: week }), week), growthPercent: 7.5 });
  await setSetting(db, 'reminders', ['07:30', '19:00']);
  await setSetting(db, 'cues', { muted: false, voice: null, volume: 0.8 });
  await saveRangeCheck(db, rangeCheckRecord('rc-1', T0 + 30 * MIN));
  await saveRangeCheck(db, rangeCheckRecord('rc-2', T0 + 7 * DAY, { engine: 'tfjs', model: 'lite', results: [] }));
  return db;
}

type Dump = Record<string, unknown[]>;

/** Every record of every table, pictures as their type and bytes in hex (toEqual cannot see inside a Blob). */
async function dump(db: PostureDb): Promise<Dump> {
  const out: Dump = {};
  for (const name of TABLE_NAMES) {
    const rows = await db.tableOf(name).toArray();
    out[name] = await Promise.all(
      rows.map(async (r: Record<string, unknown>) =>
        r.picture instanceof Blob ? { ...r, picture: { type: r.picture.type, bytes: Buffer.from(await r.picture.arrayBuffer()).toString('hex') } } : r,
      ),
    );
  }
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<BackupError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackupError);
  return err as BackupError;
}

describe('export and import', () => {
  it('export, wipe, import gives back identical data, pictures byte for byte', async () => {
    const db = await filledDb();
    const before = await dump(db);
    expect(before.snapshots).toHaveLength(3);
    expect(before.sets).toHaveLength(4);
    const backup = await exportBackup(db, T0 + 3 * DAY);
    expect(backup).toMatchObject({ format: 'posture-tracker-backup', version: 2, exportedAt: '2025-03-06T08:00:00.000Z' });
    // The tables in TABLE_NAMES order, range checks last.
    expect(Object.keys(backup.tables)).toEqual([...TABLE_NAMES]);
    expect(backup.tables.rangeChecks.map((c) => c.id)).toEqual(['rc-1', 'rc-2']);
    expect(backup.tables.snapshots[0].picture).toMatch(/^data:image\/jpeg;base64,\/9j\/4/);
    const file = backupToBlob(backup);
    expect(file.type).toBe('application/json');

    await wipeAll(db);
    expect((await dump(db)).sets).toEqual([]);

    const plan = await readBackupFile(file, db);
    expect(plan.exportedAt).toBe('2025-03-06T08:00:00.000Z');
    expect(plan.tables.map((t) => [t.table, t.total, t.added, t.present, t.conflicting])).toEqual([
      ['snapshots', 3, 3, 0, 0],
      ['sets', 4, 4, 0, 0],
      ['sessions', 3, 3, 0, 0],
      ['checkIns', 2, 2, 0, 0],
      ['programme', 1, 1, 0, 0],
      ['settings', 2, 2, 0, 0],
      ['rangeChecks', 2, 2, 0, 0],
    ]);
    expect(plan.added).toBe(17);
    expect(await applyImport(db, plan)).toBe(17);
    expect(await dump(db)).toEqual(before);
    // The picture comes back as a Blob of the same type.
    const picture = (await db.snapshots.get('snap-1'))?.picture;
    expect(picture).toBeInstanceOf(Blob);
    expect(picture?.type).toBe('image/jpeg');
    // And exporting again gives the same file.
    expect(await exportBackup(db, T0 + 3 * DAY)).toEqual(backup);
  });

  it('importing the same backup twice adds nothing the second time', async () => {
    const db = await filledDb();
    const file = backupToBlob(await exportBackup(db));
    await wipeAll(db);
    await applyImport(db, await readBackupFile(file, db));
    const once = await dump(db);
    const again = await readBackupFile(file, db);
    expect(again.added).toBe(0);
    expect(again.tables.every((t) => t.present === t.total && t.conflicting === 0)).toBe(true);
    expect(await applyImport(db, again)).toBe(0);
    expect(await dump(db)).toEqual(once);
    // Also into the database it came from, unwiped.
    expect((await readBackupFile(file, db)).added).toBe(0);
  });

  it('merges into existing data: new records added, identical ones skipped, differing ones kept as they are here', async () => {
    const db = await filledDb();
    const backup = await exportBackup(db);
    const other = freshDb();
    // The other device has an older copy of the programme, one of the same check-ins with a different note,
    // and the first set only (its session lists just that set).
    await saveProgramme(other, { state: startProgramme(T0 - DAY), growthPercent: 5 });
    await saveCheckIn(other, checkInRecord('ci-1', T0 + 20 * MIN, 'session-set-1', 2, { redFlags: ['tingling', 'burning'], note: 'changed here' }));
    await saveCheckIn(other, checkInRecord('ci-2', T0 + 2 * DAY, null, 0));
    await createOrJoinSession(other, setRecord('set-1', T0, 5));
    await saveSet(other, setRecord('mine', T0 + 5 * DAY, 5));
    const programmeBefore = await other.programme.toArray();

    const plan = await readBackupFile(JSON.stringify(backup), other);
    const counts = Object.fromEntries(plan.tables.map((t) => [t.table, { added: t.added, present: t.present, conflicting: t.conflicting }]));
    expect(counts).toEqual({
      snapshots: { added: 3, present: 0, conflicting: 0 },
      sets: { added: 3, present: 1, conflicting: 0 },
      sessions: { added: 2, present: 0, conflicting: 1 },
      checkIns: { added: 0, present: 1, conflicting: 1 },
      programme: { added: 0, present: 0, conflicting: 1 },
      settings: { added: 2, present: 0, conflicting: 0 },
      rangeChecks: { added: 2, present: 0, conflicting: 0 },
    });
    expect(await applyImport(other, plan)).toBe(plan.added);
    expect(await other.programme.toArray()).toEqual(programmeBefore);
    expect((await other.checkIns.get('ci-1'))?.note).toBe('changed here');
    expect(await other.sets.count()).toBe(5);
    // set-2 came from the file; its session (kept from here) now lists it.
    expect((await other.sessions.get('session-set-1'))?.setIds).toEqual(['set-1', 'set-2']);
  });

  it('a large picture (6 MB) survives export and import', async () => {
    const db = freshDb();
    const picture = pictureBlob(6 * 1024 * 1024, 3);
    await saveSnapshot(db, snapshotRecord('big', T0, picture));
    const before = await dump(db);
    const file = backupToBlob(await exportBackup(db));
    await wipeAll(db);
    expect(await applyImport(db, await readBackupFile(file, db))).toBe(1);
    expect(await dump(db)).toEqual(before);
  });

  it('accepts the file as a string', async () => {
    const db = await filledDb();
    const text = JSON.stringify(await exportBackup(db));
    expect((await readBackupFile(text, db)).added).toBe(0);
  });
});

describe('range checks in backups (backup version 2)', () => {
  /** What version 1 of the app wrote: the same file without the range checks table. */
  async function versionOneText(db: PostureDb): Promise<string> {
    const backup = JSON.parse(JSON.stringify(await exportBackup(db))) as Record<string, unknown> & { tables: Record<string, unknown> };
    delete backup.tables.rangeChecks;
    return JSON.stringify({ ...backup, version: 1 });
  }

  it('a version 1 backup, made before range checks, still imports everything it has', async () => {
    const db = await filledDb();
    const before = await dump(db);
    const text = await versionOneText(db);
    await wipeAll(db);
    const plan = await readBackupFile(text, db);
    expect(plan.tables.map((t) => [t.table, t.total])).toEqual([
      ['snapshots', 3],
      ['sets', 4],
      ['sessions', 3],
      ['checkIns', 2],
      ['programme', 1],
      ['settings', 2],
      ['rangeChecks', 0],
    ]);
    expect(await applyImport(db, plan)).toBe(15);
    expect(await dump(db)).toEqual({ ...before, rangeChecks: [] });
    // Exported again, it is a version 2 backup.
    expect((await exportBackup(db)).version).toBe(2);
  });

  it('a version 1 backup imports into a database that has range checks, and leaves them alone', async () => {
    const db = await filledDb();
    const text = await versionOneText(db);
    const other = freshDb();
    await saveRangeCheck(other, rangeCheckRecord('mine', T0));
    expect(await applyImport(other, await readBackupFile(text, other))).toBe(15);
    expect((await other.rangeChecks.toArray()).map((c) => c.id)).toEqual(['mine']);
  });

  it('a range check identical to one here is not added again; a different one with the same id keeps the one here', async () => {
    const db = await filledDb();
    const file = JSON.stringify(await exportBackup(db));
    const other = freshDb();
    await saveRangeCheck(other, rangeCheckRecord('rc-1', T0 + 30 * MIN));
    await saveRangeCheck(other, rangeCheckRecord('rc-2', T0 + 7 * DAY));
    const plan = await readBackupFile(file, other);
    expect(plan.tables.find((t) => t.table === 'rangeChecks')).toMatchObject({ total: 2, added: 0, present: 1, conflicting: 1 });
    await applyImport(other, plan);
    expect((await other.rangeChecks.get('rc-2'))?.results).toHaveLength(5);
  });
});

describe('rejected files change nothing', () => {
  async function expectRejected(file: Blob | string, code: BackupError['code'], message: RegExp | string, maxBytes?: number): Promise<void> {
    const db = await filledDb();
    const before = await exportBackup(db, 0);
    const err = await rejection(readBackupFile(file, db, { maxBytes }));
    expect(err.code).toBe(code);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
    expect(err.message).toMatch(/Nothing was imported\.$/);
    expect(await exportBackup(db, 0)).toEqual(before);
  }

  async function backupJson(): Promise<BackupFile> {
    const db = await filledDb();
    return JSON.parse(JSON.stringify(await exportBackup(db))) as BackupFile;
  }

  it('truncated JSON', async () => {
    const text = JSON.stringify(await backupJson());
    for (const cut of [text.length - 1, Math.floor(text.length / 2), 30]) {
      await expectRejected(
        new Blob([text.slice(0, cut)]),
        'truncated',
        'The file is not complete JSON (it may be truncated: cut short while downloading or copying). Try the original backup file again. Nothing was imported.',
      );
    }
  });

  it('a file cut in the middle of a character is truncated, not binary', async () => {
    const b = await backupJson();
    b.tables.checkIns[0] = { ...b.tables.checkIns[0], note: 'sore 😖 after' };
    const bytes = new TextEncoder().encode(JSON.stringify(b));
    const at = bytes.indexOf(0xf0); // the emoji's first byte
    await expectRejected(new Blob([bytes.subarray(0, at + 2)]), 'truncated', /^The file is not complete JSON/);
  });

  it('broken JSON that is not cut short', async () => {
    await expectRejected('{"format": "posture-tracker-backup",, }', 'not-json', 'The file is not valid JSON (it may have been edited or damaged). Nothing was imported.');
  });

  it('JSON of the wrong shape', async () => {
    await expectRejected('{"hello": 1}', 'not-backup', 'This file is not a Posture tracker backup: it holds JSON, but it has no "format" field. Nothing was imported.');
    await expectRejected('[1, 2, 3]', 'not-backup', 'This file is not a Posture tracker backup: it holds JSON, but a list instead of a backup. Nothing was imported.');
    await expectRejected('42', 'not-json', /it is not JSON/);
    await expectRejected('{"format": "other-app", "version": 1}', 'not-backup', /its "format" is "other-app", not "posture-tracker-backup"/);
    await expectRejected('{"format": "posture-tracker-backup", "version": 3, "tables": {}}', 'newer-version', /newer version of Posture tracker \(backup version 3; this app reads versions 1 to 2\)/);
    await expectRejected('{"format": "posture-tracker-backup", "version": "1"}', 'not-backup', /version \("1"\) is not one this app reads \(versions 1 to 2\)/);
    await expectRejected('{"format": "posture-tracker-backup", "version": 0}', 'not-backup', /version \(0\) is not one this app reads/);
    await expectRejected('{"format": "posture-tracker-backup", "version": 1}', 'invalid', /: field "exportedAt" is missing \(expected text\)\./);
  });

  it('a backup with a bad field names the record and the field', async () => {
    const bad = await backupJson();
    (bad.tables.sets[1].summary as unknown as Record<string, unknown>).reps = 'ten';
    await expectRejected(
      JSON.stringify(bad),
      'invalid',
      'This backup is damaged or was edited, so it cannot be imported: Exercise sets, record 2 (id "set-2"), field "summary.reps" expected a number, found text ("ten"). Nothing was imported.',
    );

    const cases: [(b: BackupFile) => void, RegExp][] = [
      [(b) => ((b.tables.checkIns[0] as unknown as Record<string, unknown>).pain = 12), /Pain check-ins, record 1 \(id "ci-1"\), field "pain" is 12, above the largest allowed value 10/],
      [(b) => ((b.tables.snapshots[0] as unknown as Record<string, unknown>).extra = true), /Posture snapshots, record 1 \(id "snap-1"\) has a field this app does not know: "extra"/],
      [(b) => ((b.tables.snapshots[0] as unknown as Record<string, unknown>).picture = 'data:image/jpeg;base64,@@@'), /field "picture" expected a picture as a base64 data URL/],
      [(b) => delete (b.tables.sessions[0] as unknown as Record<string, unknown>).setIds, /Sessions, record 1 \(id "session-set-1"\), field "setIds" is missing \(expected a list\)/],
      [(b) => ((b.tables.sets[0] as unknown as Record<string, unknown>).status = 'done'), /field "status" is "done", expected one of "in-progress", "complete", "ended"/],
      [(b) => ((b.tables.sets[0].summary.holds[1] as unknown as Record<string, unknown>).peakDeg = null), /field "summary.holds\[1\].peakDeg" expected a number, found null/],
      [(b) => (b.tables.sets[1] = { ...b.tables.sets[1], id: 'set-1' }), /Exercise sets, record 2 \(id "set-1"\), field "id" is also the id of another set in the file/],
      [(b) => ((b.tables as unknown as Record<string, unknown>).sets = {}), /the list of exercise sets expected a list, found an object/],
      [(b) => (b.exportedAt = 'yesterday'), /field "exportedAt" is not a date and time/],
      [(b) => delete (b.tables.programme[0].state.history[0] as unknown as Record<string, unknown>).measurements, /Programme, record 1 \(id "current"\), field "state.history\[0\].measurements" is missing/],
    ];
    for (const [spoil, message] of cases) {
      const b = await backupJson();
      spoil(b);
      await expectRejected(JSON.stringify(b), 'invalid', message);
    }
  });

  it('a damaged range check is refused with the record, the field and what is wrong, and nothing else is imported or lost', async () => {
    type Result = Record<string, unknown> & { refusals: Record<string, unknown>[] };
    const result = (b: BackupFile, i: number) => b.tables.rangeChecks[0].results[i] as unknown as Result;
    const cases: [(b: BackupFile) => void, RegExp][] = [
      [(b) => (result(b, 0).trialsDeg = Array.from({ length: 51 }, () => 40)), /Range checks, record 1 \(id "rc-1"\), field "results\[0\].trialsDeg" has more than 50 entries/],
      [(b) => (result(b, 0).trialsDeg = [40, 'forty']), /field "results\[0\].trialsDeg\[1\]" expected a number, found text \("forty"\)/],
      [(b) => (result(b, 1).medianDeg = 1e6), /field "results\[1\].medianDeg" is 1000000, above the largest allowed value 360/],
      [(b) => (result(b, 1).spreadDeg = -1), /field "results\[1\].spreadDeg" is -1, below the smallest allowed value 0/],
      [(b) => (result(b, 2).measure = 'neck-twist'), /field "results\[2\].measure" is "neck-twist", expected one of "head-forward", "extension", "reach", "rotation-left", "rotation-right"/],
      [(b) => (result(b, 2).measure = 'head-forward'), /field "results\[2\].measure" is also the measure of another result of this check/],
      [(b) => (result(b, 1).refusals[0].count = 1.5), /field "results\[1\].refusals\[0\].count" expected a whole number/],
      [(b) => (result(b, 1).refusals[0].code = 'sneezed'), /field "results\[1\].refusals\[0\].code" is "sneezed", expected one of "no-person"/],
      [(b) => (result(b, 1).refusals = Array.from({ length: 51 }, () => ({ code: 'moving', message: 'm', count: 1 }))), /field "results\[1\].refusals" has more than 50 entries/],
      [(b) => delete result(b, 3).spreadDeg, /field "results\[3\].spreadDeg" is missing/],
      [(b) => ((b.tables.rangeChecks[0] as unknown as Record<string, unknown>).engine = 'webgpu'), /Range checks, record 1 \(id "rc-1"\), field "engine" is "webgpu"/],
      [(b) => ((b.tables.rangeChecks[1] as unknown as Record<string, unknown>).takenAtMs = 'monday'), /Range checks, record 2 \(id "rc-2"\), field "takenAtMs" expected a number/],
      [(b) => (b.tables.rangeChecks[1] = { ...b.tables.rangeChecks[1], id: 'rc-1' }), /Range checks, record 2 \(id "rc-1"\), field "id" is also the id of another range check in the file/],
      [(b) => delete (b.tables as unknown as Record<string, unknown>).rangeChecks, /the list of range checks is missing \(expected a list\)/],
    ];
    for (const [spoil, message] of cases) {
      const b = await backupJson();
      spoil(b);
      await expectRejected(JSON.stringify(b), 'invalid', message);
    }
  });

  it('a version 1 backup that lists range checks is refused (version 1 had none)', async () => {
    const b = (await backupJson()) as unknown as Record<string, unknown>;
    await expectRejected(JSON.stringify({ ...b, version: 1 }), 'invalid', /: field "tables" has a field this app does not know: "rangeChecks"\. Nothing was imported\.$/);
  });

  it('10 MB of random bytes, quickly', async () => {
    const bytes = new Uint8Array(10 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
    const started = performance.now();
    await expectRejected(
      new Blob([bytes]),
      'not-json',
      'This file is not a Posture tracker backup: it is not a text file (a backup is the .json file that "Download backup" saves). Nothing was imported.',
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('other files: empty, plain text, too large', async () => {
    await expectRejected(new Blob([]), 'empty', 'The file is empty. Nothing was imported.');
    await expectRejected(new Blob(['date,exercise\r\n2025-03-03,hold\r\n']), 'not-json', /it is not JSON/);
    await expectRejected(new Blob(['{"a": "' + 'x'.repeat(2 * 1024 * 1024) + '"}']), 'too-large', 'This file is not a Posture tracker backup: it is 2 MB, more than a backup can be (limit 1 MB). Nothing was imported.', 1024 * 1024);
    const huge = new Blob([new Uint8Array(MAX_BACKUP_BYTES + 1)]);
    const started = performance.now();
    await expectRejected(huge, 'too-large', /it is 100 MB, more than a backup can be \(limit 100 MB\)/);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('storage failures', () => {
  it('a full disk during import rolls everything back and gives the quota message', async () => {
    const db = await filledDb();
    const file = backupToBlob(await exportBackup(db));
    await wipeAll(db);
    await setSetting(db, 'kept', 'yes');
    const before = await dump(db);
    const plan = await readBackupFile(file, db);
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    // Snapshots are written before sets: the failure comes after some records went in.
    const bulkPut = vi.spyOn(db.sets, 'bulkPut').mockRejectedValue(quota);
    const err = await applyImport(db, plan).then(
      () => null,
      (e: unknown) => e,
    );
    expect(bulkPut).toHaveBeenCalled();
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('quota');
    expect((err as StorageError).message).toBe(
      "Could not save the imported data: this browser's storage for the app is full. Free space by exporting and deleting old data, or clearing other sites' data, then try again. Nothing has been lost yet.",
    );
    expect(await dump(db)).toEqual(before);
    bulkPut.mockRestore();
    // With space again, the same plan goes through.
    expect(await applyImport(db, plan)).toBe(17);
  });

  it('refuses to hand out a backup that could not be restored', async () => {
    const db = freshDb();
    const broken = setRecord('nan', T0);
    await db.sets.put({ ...broken, summary: { ...broken.summary, holds: [{ ...broken.summary.holds[0], peakDeg: Number.NaN }] } });
    const err = await exportBackup(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).message).toBe(
      'Could not make a backup: Exercise sets, record 1 (id "nan"), field "summary.holds[0].peakDeg" expected a number, found null. This is a fault in the app; nothing was changed.',
    );
  });
});
