// Recorded engine outputs: what the real model found in each frame of a fixture, kept in the
// repository (tests/pose/engine-outputs/, one gzipped JSON file per run) so that the tests that
// replay the app's own counting, gates and range readings over a fixture's frames (many times
// over: every threshold moved, every view rule) need not run the model through the whole clip on
// every test run. A fresh clone would otherwise spend most of vitest's time (about 900 s of engine
// work on two cores) making the same frames again.
//
// They are never taken on trust:
// - engine-outputs.test.ts runs the real engine again, in Chromium, on the start of every record
//   (its first frames, exactly as the record was made: the same running mode, a fresh engine, the
//   same timestamps) and fails if what it finds differs from the record beyond a rounding
//   tolerance, or if a record no longer matches any fixture.
// - A record is named by its fixture's content (SHA-256) and the engine setting, as the local
//   cache is (engine-frames.ts): an edited fixture has no record and is run afresh.
// - Only fixture videos under ../shared/fixtures are recorded (the whole clip in VIDEO mode, or
//   chosen frames of it as stills); a still photo (one inference, no dearer to run than to check)
//   and a scene or camera file made at test time are always run for real.
// - ENGINE_OUTPUTS=off runs every fixture afresh (the whole proof: vitest alone about 450 s instead
//   of 240 s on a fresh clone of this 2-core machine);
//   `npm run test:record` makes every record again from the real engine (after a model, engine or
//   fixture change; engine-outputs.test.ts says when).
//
// The browser tests (Playwright) always run the real model on the fixtures, live, from a camera.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { EngineKind, ModelVariant } from '../../lib/pose/types';
import type { AnalyzeSummary, FrameResult } from '../../tools/analyze/analyze';
import type { Runtime } from '../../tools/harness/pose-runner';
import { FIXTURES, ROOT } from './fixtures';

export const RECORDS_DIR = path.join(ROOT, 'tests/pose/engine-outputs');
export const RECORD_VERSION = 1;

export type StillsChoice = { readonly every: number; readonly timestamps: 'frame' | 'zero' } | { readonly frames: readonly number[]; readonly timestamps: 'frame' | 'zero' };

/** How a record was made: enough to make its start again. */
export interface RecordSetting {
  readonly engine: EngineKind;
  readonly model: ModelVariant;
  readonly runtime: Runtime;
  readonly lookForOthers: boolean;
  readonly stills?: StillsChoice;
}

export interface EngineOutputRecord {
  readonly version: number;
  /** The fixture, relative to ../shared/fixtures. */
  readonly fixture: string;
  /** The first 16 hex digits of the fixture's SHA-256 when recorded. */
  readonly sha256: string;
  readonly setting: RecordSetting;
  readonly summary: Omit<AnalyzeSummary, 'file'>;
  readonly frames: FrameResult[];
}

/** What ENGINE_OUTPUTS asks: read the records (default), make them again, or ignore them. */
export function recordsMode(): 'use' | 'record' | 'off' {
  const v = process.env.ENGINE_OUTPUTS ?? 'use';
  if (v === 'use' || v === 'record' || v === 'off') return v;
  throw new Error(`ENGINE_OUTPUTS=${v}: use "use" (the default), "record" or "off"`);
}

/** The fixture path of `file` relative to ../shared/fixtures, or null for a file made elsewhere. */
export function fixtureRelative(file: string): string | null {
  const rel = path.relative(FIXTURES, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : null;
}

const recordPath = (name: string) => path.join(RECORDS_DIR, `${name}.json.gz`);

/** Numbers kept to 6 decimals (a millionth of the frame: far below a pixel); `inferenceMs` dropped to 0 (a record is not for timing). */
function compact(frames: readonly FrameResult[]): FrameResult[] {
  return JSON.parse(JSON.stringify(frames, (key, value) => (key === 'inferenceMs' ? 0 : typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1e6) / 1e6 : value))) as FrameResult[];
}

/** The record called `name`, or null when there is none (or it is of another version). */
export function readRecord(name: string): EngineOutputRecord | null {
  const file = recordPath(name);
  if (!existsSync(file)) return null;
  const record = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as EngineOutputRecord;
  return record.version === RECORD_VERSION ? record : null;
}

export async function writeRecord(name: string, record: Omit<EngineOutputRecord, 'version' | 'frames'> & { frames: readonly FrameResult[] }): Promise<void> {
  await mkdir(RECORDS_DIR, { recursive: true });
  const body: EngineOutputRecord = { version: RECORD_VERSION, ...record, frames: compact(record.frames) };
  const tmp = `${recordPath(name)}.${process.pid}.tmp`;
  await writeFile(tmp, gzipSync(JSON.stringify(body), { level: 9 }));
  await rename(tmp, recordPath(name));
}

/** Every record's name. */
export function recordNames(): string[] {
  if (!existsSync(RECORDS_DIR)) return [];
  return readdirSync(RECORDS_DIR)
    .filter((f) => f.endsWith('.json.gz'))
    .map((f) => f.slice(0, -'.json.gz'.length))
    .sort();
}
