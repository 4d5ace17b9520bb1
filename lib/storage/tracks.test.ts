import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANDMARK_COUNT } from '../pose/landmarks';
import type { Pose } from '../pose/types';
import { formatTrackJsonl, parseTrackJsonl } from '../tracks/jsonl';
import { trackFrameOf } from '../tracks/types';
import { PostureDb } from './db';
import { StorageError } from './errors';
import { deleteRangeCheck, saveRangeCheck } from './range-checks';
import { wipeAll } from './records';
import { deleteSet, saveSet } from './sets';
import { rangeCheckRecord, setRecord, T0 } from './test-records';
import { BYTES_PER_FRAME, checkTrackRecord, framesOfTrack, MAX_TRACK_FRAMES, TrackBuffer, TrackRecordError, VALUES_PER_FRAME, type TrackRecord } from './track-record';
import { deleteOrphanTracks, deleteTrack, keptTrackIds, readTrack, saveTrack } from './tracks';

/** A pose whose every number depends on the frame and the landmark, so a value in the wrong place shows. */
function pose(i: number, world = true, width = 640, height = 480): Pose {
  return {
    landmarks: Array.from({ length: LANDMARK_COUNT }, (_, k) => ({ x: (k + 1) / 40 + i / 1000, y: (k + 2) / 50 + i / 2000, z: -k / 100 + i / 3000, visibility: ((k * 7 + i) % 100) / 100 })),
    worldLandmarks: world ? Array.from({ length: LANDMARK_COUNT }, (_, k) => ({ xM: k / 30 - 0.5 + i / 1e4, yM: -k / 25 + i / 2e4, zM: k / 70 - i / 3e4, visibility: ((k * 3 + i) % 100) / 100 })) : null,
    imageWidth: width,
    imageHeight: height,
    peopleCount: 1 + (i % 2),
    timestampMs: 1000 + i * 33.4,
  };
}

function expectClose(actual: readonly (readonly number[])[] | null | undefined, expected: readonly (readonly number[])[] | null | undefined) {
  if (!expected) return expect(actual ?? null).toBeNull();
  expect(actual).toHaveLength(expected.length);
  expected.forEach((p, k) => p.forEach((v, j) => expect(actual![k][j]).toBeCloseTo(v, 3)));
}

let n = 0;
const dbs: PostureDb[] = [];
function freshDb(): PostureDb {
  const db = new PostureDb(`tracks-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) await db.delete();
});

function track(id: string, frames = 3): TrackRecord {
  const b = new TrackBuffer();
  for (let i = 0; i < frames; i++) b.push(i === 1 ? null : pose(i), 1000 + i * 33.4, 640, 480);
  return b.toRecord(id, 'set');
}

describe('the capture buffer', () => {
  it('gives back, frame by frame, what trackFrameOf gives for the same poses (across blocks, frames without a pose or without world landmarks)', () => {
    const b = new TrackBuffer();
    const expected = [];
    for (let i = 0; i < 1300; i++) {
      const p = i % 97 === 5 ? null : pose(i, i % 50 !== 7, i < 700 ? 640 : 1280, i < 700 ? 480 : 720);
      const t = 1000 + i * 33.4;
      b.push(p, t, i < 700 ? 640 : 1280, i < 700 ? 480 : 720);
      expected.push(trackFrameOf(i, t, p?.imageWidth ?? (i < 700 ? 640 : 1280), p?.imageHeight ?? (i < 700 ? 480 : 720), p));
    }
    const record = b.toRecord('s1', 'set');
    expect(record.frameCount).toBe(1300);
    const frames = framesOfTrack(checkTrackRecord(record));
    expect(frames).toHaveLength(1300);
    for (const i of [0, 5, 7, 57, 599, 600, 601, 699, 700, 1199, 1200, 1299]) {
      const f = frames[i];
      const e = expected[i];
      expect({ frame: f.frame, timestampMs: f.timestampMs, width: f.width, height: f.height, peopleCount: f.peopleCount }).toEqual({
        frame: e.frame,
        timestampMs: e.timestampMs,
        width: e.width,
        height: e.height,
        peopleCount: e.peopleCount,
      });
      expectClose(f.landmarks, e.landmarks);
      expectClose(f.world, e.world);
    }
    expect(frames[5].landmarks).toBeNull();
    expect(frames[57].world).toBeNull();
  });

  it('is compact: typed arrays of BYTES_PER_FRAME per frame (about 2 MB a minute at 30 frames a second), nothing per frame besides', () => {
    const record = track('s', 1800);
    const arrays = [record.timestampsMs, record.sizes, record.people, record.has, record.landmarks, record.world];
    const bytes = arrays.reduce((sum, a) => sum + a.byteLength, 0);
    expect(bytes).toBe(1800 * BYTES_PER_FRAME);
    expect(BYTES_PER_FRAME).toBe(1070);
    expect(record.landmarks).toBeInstanceOf(Float32Array);
    expect(record.landmarks.length).toBe(1800 * VALUES_PER_FRAME);
    // A minute at 30 frames a second, as Settings says: about 2 MB.
    expect(bytes / 1e6).toBeGreaterThan(1.8);
    expect(bytes / 1e6).toBeLessThan(2.0);
  });

  it('skips a frame whose time does not come after the last one, and keeps at most MAX_TRACK_FRAMES, saying so', () => {
    const b = new TrackBuffer();
    b.push(pose(0), 1000, 640, 480);
    b.push(pose(1), 1000, 640, 480);
    b.push(pose(2), 990, 640, 480);
    b.push(pose(3), Number.NaN, 640, 480);
    b.push(null, 1100, 0, 0); // no size known: nothing to place the frame in
    expect(b.frameCount).toBe(1);
    const full = new TrackBuffer();
    for (let i = 0; i <= MAX_TRACK_FRAMES; i++) full.push(null, i, 640, 480);
    const record = full.toRecord('long', 'range-check');
    expect(record.frameCount).toBe(MAX_TRACK_FRAMES);
    expect(record.truncated).toBe(true);
    expect(b.toRecord('short', 'set').truncated).toBe(false);
  });

  it('writes a JSONL file that parseTrackJsonl reads back frame for frame', () => {
    const frames = framesOfTrack(track('s', 40));
    const back = parseTrackJsonl(formatTrackJsonl(frames));
    expect(back).toHaveLength(40);
    expect(back[1].landmarks).toBeNull();
    expectClose(back[2].landmarks, frames[2].landmarks);
    expectClose(back[39].world, frames[39].world);
  });
});

describe('track storage', () => {
  it('saves a track and reads it back, checked, after a reopen; lists kept ids without reading tracks', async () => {
    const db = freshDb();
    const t = track('set-1', 50);
    await saveTrack(db, t);
    db.close();
    const again = new PostureDb(db.name);
    dbs.push(again);
    const back = await readTrack(again, 'set-1');
    expect(back).not.toBeNull();
    expect(back!.frameCount).toBe(50);
    expect([...back!.landmarks]).toEqual([...t.landmarks]);
    expect([...back!.timestampsMs]).toEqual([...t.timestampsMs]);
    expect(await readTrack(again, 'nope')).toBeNull();
    expect([...(await keptTrackIds(again))]).toEqual(['set-1']);
    await deleteTrack(again, 'set-1');
    expect(await readTrack(again, 'set-1')).toBeNull();
  });

  it('deletes a track with its set, with its range check, and with all data; orphans go too', async () => {
    const db = freshDb();
    await saveSet(db, setRecord('a', T0));
    await saveSet(db, setRecord('b', T0 + 3_600_000));
    await saveRangeCheck(db, rangeCheckRecord('r', T0));
    for (const id of ['a', 'b', 'r', 'gone']) await saveTrack(db, track(id));
    expect(await deleteOrphanTracks(db)).toBe(1);
    expect([...(await keptTrackIds(db))].sort()).toEqual(['a', 'b', 'r']);
    await deleteSet(db, 'a');
    await deleteRangeCheck(db, 'r');
    expect([...(await keptTrackIds(db))]).toEqual(['b']);
    expect(await db.sets.get('b')).toBeDefined();
    await wipeAll(db, { keepSyncHistory: true });
    expect(await db.tracks.count()).toBe(0);
  });

  it('storage full: the track is not saved and a StorageError says storage is full; the set is untouched', async () => {
    const db = freshDb();
    await saveSet(db, setRecord('a', T0));
    vi.spyOn(db.tracks, 'put').mockRejectedValue(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    const err = await saveTrack(db, track('a')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('quota');
    expect((err as StorageError).message).toMatch(/storage for the app is full/);
    expect(await db.sets.get('a')).toEqual(expect.objectContaining({ id: 'a' }));
    vi.restoreAllMocks();
    expect(await db.tracks.count()).toBe(0);
  });

  it('refuses damaged stored tracks with a reason, and never returns one', async () => {
    const db = freshDb();
    const good = track('x', 4);
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['not typed', { ...good, landmarks: [...good.landmarks] }, /"landmarks" is not a Float32Array/],
      ['short', { ...good, world: good.world.subarray(0, 10) }, /"world" holds 10 numbers/],
      ['time back', { ...good, timestampsMs: Float64Array.from([1000, 1100, 1050, 1200]) }, /frame 2: its time/],
      ['NaN', { ...good, landmarks: Object.assign(new Float32Array(good.landmarks), { [VALUES_PER_FRAME * 2 + 3]: Number.NaN }) }, /frame 2: "landmarks" has a value that is not a number/],
      ['has', { ...good, has: Uint8Array.from([1, 0, 2, 3]) }, /frame 2: what it holds/],
      ['count', { ...good, frameCount: -1 }, /frame count/],
      ['kind', { ...good, kind: 'photo' }, /neither a set nor a range check/],
      ['size', { ...good, sizes: new Uint16Array(8) }, /image size is 0/],
    ];
    for (const [id, value, why] of bad) {
      await db.tracks.put({ ...value, id } as unknown as TrackRecord);
      const err = await readTrack(db, id).catch((e: unknown) => e);
      expect(err, id).toBeInstanceOf(TrackRecordError);
      expect((err as Error).message, id).toMatch(why);
    }
    expect(() => checkTrackRecord(null)).toThrow(TrackRecordError);
    expect(() => checkTrackRecord(good)).not.toThrow();
  });
});
