// The range check's tests on real footage (../shared/fixtures), both engines, through
// `npm run analyze -- --range` itself where a clip shows the movement or must be refused:
// - the prone arm sweep (arms from the hips forward and overhead, three times) is a reach against
//   the trunk line in another position: three trials, high;
// - a woman squatting at three-quarters, standing, is not a seated rotation: no trial counts;
// - side-on stills give a head position; front-on stills refuse every sagittal test, and a
//   side-on still refuses rotation, each with the view's reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure } from '../figures';
import { rangeOf, type FrameResult, type RangeJson } from '../../tools/analyze/analyze';
import type { EngineKind } from '../../lib/pose/types';
import type { RangeTestId } from '../../lib/range';
import { closeEngineFrames, engineFrames } from './engine-frames';
import { fixture, runAnalyzeCli } from './fixtures';

const ENGINES: readonly EngineKind[] = ['mediapipe', 'tfjs'];
const HOOK_TIMEOUT_MS = 600_000;

const PRONE = 'videos/quickpose_cobra_wings_prone_side_OVERLAY.mp4';
const SQUATS = 'videos/tfjs_pose_squats.mp4';

const clips: Record<EngineKind, { prone?: RangeJson; squats?: RangeJson }> = { mediapipe: {}, tfjs: {} };

beforeAll(async () => {
  for (const engine of ENGINES) {
    const prone = await runAnalyzeCli([fixture(PRONE), '--range', 'overhead-reach', '--engine', engine, '--json']);
    if (prone.code !== 0) throw new Error(`analyze exited ${prone.code}: ${prone.stderr}`);
    clips[engine].prone = (JSON.parse(prone.stdout) as { range: RangeJson }).range;
    clips[engine].squats = rangeOf(await engineFrames(SQUATS, { engine, lookForOthers: true }), 'rotation');
  }
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await closeEngineFrames();
});

describe.each(ENGINES)('%s on real clips', (engine) => {
  it('the prone arm sweep: each sweep overhead is a reach trial (MANIFEST: 3), read against the trunk', () => {
    const r = clips[engine].prone!;
    figure(
      'range-real',
      `${engine} prone sweep as overhead reach`,
      { trials: r.trials.map((t) => ({ valueDeg: t.valueDeg, trunkLeanDeg: t.trunkLeanDeg ?? null })), refused: r.refusedTrials.map((t) => t.code) },
      `[range-real] ${engine} prone sweep: ${JSON.stringify(r.trials.map((t) => [t.valueDeg, t.trunkLeanDeg]))} refused ${JSON.stringify(r.refusedTrials.map((t) => t.code))}`,
    );
    expect(r.trials).toHaveLength(3);
    // Arms forward and overhead from lying face down: well past straight ahead of the trunk.
    for (const t of r.trials) expect(t.valueDeg).toBeGreaterThan(120);
    expect(r.measures[0].medianDeg).not.toBeNull();
  });

  it('squatting at three-quarters is not a seated rotation: no trial counts, and it says why', () => {
    const r = clips[engine].squats!;
    figure(
      'range-real',
      `${engine} squats clip as rotation`,
      { trials: r.trials.length, refused: r.refusedTrials.map((t) => t.code), why: r.why },
      `[range-real] ${engine} squats as rotation: trials ${r.trials.length}, refused ${JSON.stringify(r.refusedTrials.map((t) => t.code))}, why ${r.why}`,
    );
    expect(r.trials).toEqual([]);
    expect(r.why).not.toBeNull();
  });
});

/** Stills, each with what every test must say of it: a reading, or the refusal's code. */
const STILLS: readonly { file: string; expect: Partial<Record<RangeTestId, 'reads' | string>> }[] = [
  { file: 'images/sports2d_f150_walker_side_view_crop.jpg', expect: { 'head-position': 'reads', rotation: 'not-front-view' } },
  { file: 'images/mpdocs_pushup_side_up.jpg', expect: { rotation: 'not-front-view' } },
  { file: 'images/mpsamples_seated_woman.jpg', expect: { 'head-position': 'not-side-view', 'standing-extension': 'not-side-view', 'overhead-reach': 'not-side-view' } },
  { file: 'images/tfjs_squat_f000_standing.jpg', expect: { 'head-position': 'not-side-view', 'standing-extension': 'not-side-view', 'overhead-reach': 'not-side-view' } },
  { file: 'images/skimage_astronaut_PD.png', expect: { 'standing-extension': 'hips-not-visible|parts-not-visible', rotation: 'hips-not-visible|parts-not-visible' } },
];

describe.each(ENGINES)('%s on real stills', (engine) => {
  const frames = new Map<string, FrameResult[]>();
  beforeAll(async () => {
    for (const s of STILLS) frames.set(s.file, await engineFrames(s.file, { engine, lookForOthers: true }));
  }, HOOK_TIMEOUT_MS);

  it.each(STILLS.flatMap((s) => Object.entries(s.expect).map(([test, want]) => ({ file: s.file, test: test as RangeTestId, want }))))('$file, $test: $want', ({ file, test, want }) => {
    const r = rangeOf(frames.get(file)!, test, { still: true });
    if (want === 'reads') {
      expect(r.reading!.refusal).toBeNull();
      expect(r.reading!.valueDeg).not.toBeNull();
    } else {
      expect(r.reading!.valueDeg).toBeNull();
      expect(r.reading!.refusal?.code).toMatch(new RegExp(`^(?:${want})$`));
      expect(r.why).toBe(r.reading!.refusal!.message);
    }
  });
});

describe('npm run analyze -- --range: the interface', () => {
  it('refuses an unknown test and a --neutral without --range, with usage', async () => {
    const bad = await runAnalyzeCli([fixture(STILLS[0].file), '--range', 'splits']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--range must be one of head-position, standing-extension, overhead-reach, rotation');
    const lone = await runAnalyzeCli([fixture(STILLS[0].file), '--neutral', fixture(STILLS[0].file)]);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain('--neutral goes with --range');
  });

  it('a still: one reading in the JSON, the rest of the summary unchanged', { timeout: 240_000 }, async () => {
    const r = await runAnalyzeCli([fixture(STILLS[0].file), '--range', 'head-position', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { frames: number; framesWithPose: number; fps: null; range: RangeJson };
    expect(out).toMatchObject({ frames: 1, framesWithPose: 1, fps: null });
    expect(out.range.test).toBe('head-position');
    expect(out.range.reading!.valueDeg).toBeGreaterThan(20);
    expect(out.range.reading!.valueDeg).toBeLessThan(80);
  });
});
