// The recorded engine outputs (engine-outputs.ts) against the real engine: the start of every
// record is made again in Chromium, exactly as it was recorded, and must find the same people at
// the same places. A record that fails here is stale (the model, the engine code, the browser or
// the fixture changed): `npm run test:record` makes them all again from the real engine.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Pose } from '../../lib/pose/types';
import { closeEngineFrames, remakeStart, runName } from './engine-frames';
import { readRecord, recordNames, recordsMode, RECORD_VERSION } from './engine-outputs';
import { fixture } from './fixtures';

/**
 * Frames of each record made again: the start of a video (the first frame found by the detector,
 * the next two followed by the tracker), or the first two of a set of chosen stills (each still a
 * detection and a full second look of its own, the costliest frames to make).
 */
const VIDEO_FRAMES = 3;
const CHOSEN_STILLS = 2;
/**
 * Largest difference allowed, as a share of the picture's width or height, for a landmark the
 * engine sees (visibility at least 0.5). The same machine gives the record to its sixth decimal;
 * another CPU may round differently inside the model. A wrong model, engine, fixture or running
 * mode moves landmarks by more.
 */
const TOLERANCE = 0.01;
const SEEN = 0.5;

afterAll(async () => {
  await closeEngineFrames();
});

function largestShift(a: Pose, b: Pose): number {
  let worst = 0;
  a.landmarks.forEach((p, i) => {
    const q = b.landmarks[i];
    if ((p.visibility ?? 1) < SEEN && (q.visibility ?? 1) < SEEN) return;
    worst = Math.max(worst, Math.abs(p.x - q.x), Math.abs(p.y - q.y));
  });
  return worst;
}

const names = recordNames();
const checked = recordsMode() === 'use';

describe('recorded engine outputs', () => {
  it.skipIf(!checked)('exist for the real-model tests (tests/pose/engine-outputs)', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  describe.skipIf(!checked).each(names)('%s', (name) => {
    it('is its fixture as it is now, and the real engine finds the same in its first frames', { timeout: 120_000 }, async () => {
      const record = readRecord(name);
      expect(record?.version, 'a record of another format: make them again with npm run test:record').toBe(RECORD_VERSION);
      const file = fixture(record!.fixture);
      expect(existsSync(file), `${record!.fixture} is no longer in the fixtures`).toBe(true);
      const sha = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
      expect(sha, `${record!.fixture} changed since it was recorded`).toBe(record!.sha256);
      expect(name, 'the record is filed under the name of the run it holds').toBe(runName(file, sha, record!.setting));

      const checked = record!.setting.stills ? CHOSEN_STILLS : VIDEO_FRAMES;
      const again = await remakeStart(record!.fixture, record!.setting, checked);
      const start = record!.frames.slice(0, again.length);
      expect(again.length).toBe(Math.min(checked, record!.frames.length));
      const imageMode = record!.setting.stills !== undefined;
      start.forEach((want, i) => {
        const got = again[i];
        expect(got.frame).toBe(want.frame);
        expect(got.timestampMs).toBe(want.timestampMs);
        expect(got.pose === null, `frame ${want.frame}: someone found in one and not the other`).toBe(want.pose === null);
        if (!got.pose || !want.pose) return;
        expect(largestShift(got.pose, want.pose), `frame ${want.frame}: landmarks moved`).toBeLessThanOrEqual(TOLERANCE);
        // How many people the second look finds in a still is fixed; in a video it looks less
        // often when a look is slow (lib/pose/second-look.ts), so only stills are compared.
        if (imageMode) expect(got.pose.peopleCount, `frame ${want.frame}: people found`).toBe(want.pose.peopleCount);
      });
    });
  });
});
