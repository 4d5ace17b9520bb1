// Record builders for lib/storage tests (not used by the app).
import type { SetSummary } from '../exercise/types';
import type { CheckInRecord } from './check-in-record';
import type { RangeCheckRecord } from './range-record';
import type { SetRecord } from './set-record';
import type { SnapshotRecord } from './snapshot-record';

export const MIN = 60_000;
export const T0 = Date.UTC(2025, 2, 3, 8, 0); // Monday 3 March 2025, 08:00 UTC

export function summary(startedAtMs: number | null, durationMs: number, extra: Partial<SetSummary> = {}): SetSummary {
  return {
    exerciseId: 'wall-extension-hold',
    kind: 'hold',
    reps: 2,
    targetReps: 10,
    holds: [
      { startMs: 1000, endMs: 11_000, durationMs: 10_000, peakDeg: 8.5, medianDeg: 7.25, completed: true, headForwardDeg: 48.5 },
      { startMs: 16_000, endMs: 26_000, durationMs: 10_000, peakDeg: 9.5, medianDeg: 8, completed: true, headForwardDeg: null, restSkippedMs: 1200 },
      { startMs: 30_000, endMs: 33_000, durationMs: 3000, peakDeg: 6, medianDeg: 5, completed: false },
    ],
    shortHolds: 1,
    repTimesMs: [],
    loweringTimesMs: [],
    framesWithoutPose: 3,
    baselineDeg: 2.5,
    peakDeg: 9.5,
    medianDeg: 9,
    startedAtMs,
    endedAtMs: startedAtMs === null ? null : startedAtMs + durationMs,
    complete: false,
    ...extra,
  };
}

/** A finished set of `exerciseId` lasting `minutes`. */
export function setRecord(id: string, startedAt: number, minutes = 5, exerciseId = 'wall-extension-hold', extra: Partial<SetRecord> = {}): SetRecord {
  return {
    id,
    exerciseId,
    exerciseName: exerciseId === 'wall-extension-hold' ? 'Wall extension hold' : exerciseId,
    startedAt,
    updatedAt: startedAt + minutes * MIN,
    status: 'complete',
    source: 'camera',
    engine: 'mediapipe',
    model: 'full',
    targetReps: 10,
    summary: { ...summary(0, minutes * MIN), exerciseId },
    counterState: null,
    ...extra,
  };
}

export function snapshotRecord(id: string, takenAtMs: number, picture: Blob | null = null): SnapshotRecord {
  return {
    id,
    takenAtMs,
    view: 'side',
    side: 'left',
    headForwardDeg: 49.25,
    headForwardOffset: 0.12,
    trunkExtensionDeg: 4.5,
    headForwardSpreadDeg: 1.1,
    trunkExtensionSpreadDeg: 0.9,
    frames: 31,
    refusals: { headForward: null, trunkExtension: { code: 'hips-not-visible', message: 'Your hips are not visible.' } },
    engine: 'mediapipe',
    model: 'full',
    geometry: { imageWidth: 640, imageHeight: 480, facing: -1, ear: [300.5, 100], shoulder: [320, 160.25], hip: null },
    picture,
  };
}

export function checkInRecord(id: string, atMs: number, sessionId: string | null, pain: number, extra: Partial<CheckInRecord> = {}): CheckInRecord {
  return { id, atMs, sessionId, pain, redFlags: [], comfortable: pain <= 1, ...extra };
}

/** A range check with every measure: three counted trials each, some refused attempts, rotation to the right unfinished. */
export function rangeCheckRecord(id: string, takenAtMs: number, extra: Partial<RangeCheckRecord> = {}): RangeCheckRecord {
  return {
    id,
    takenAtMs,
    engine: 'mediapipe',
    model: 'full',
    results: [
      { measure: 'head-forward', trialsDeg: [48.5, 50.25, 49], medianDeg: 49, spreadDeg: 0.875, refusals: [] },
      { measure: 'extension', trialsDeg: [12, 14.5, 13], medianDeg: 13, spreadDeg: 1.25, refusals: [{ code: 'moving', message: 'You moved during the measurement.', count: 2 }] },
      { measure: 'reach', trialsDeg: [162, 165, 158.5], medianDeg: 162, spreadDeg: 3.25, refusals: [] },
      { measure: 'rotation-left', trialsDeg: [38, 41, 40], medianDeg: 40, spreadDeg: 1.5, refusals: [{ code: 'hips-turned', message: 'Your hips turned with your shoulders, so that turn did not count.', count: 1 }] },
      {
        measure: 'rotation-right',
        trialsDeg: [35.5],
        medianDeg: null,
        spreadDeg: null,
        refusals: [
          { code: 'hips-turned', message: 'Your hips turned with your shoulders, so that turn did not count.', count: 3 },
          { code: 'cut-off', message: 'Part of you is outside the picture.', count: 1 },
        ],
      },
    ],
    ...extra,
  };
}

/** Bytes that are not valid text, like a JPEG's. */
export function pictureBlob(size = 4096, seed = 7): Blob {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return new Blob([bytes], { type: 'image/jpeg' });
}
