import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANDMARK_NAMES, type LandmarkName } from '../pose/landmarks';
import { measurePosture } from './posture';
import { TRUNK_NEED } from './posture';
import { assessFrame, bodyPlausibility, cameraTiltDeg, MAX_TILT_DEG, MIN_BODY_HEAD_WIDTHS, MIN_TORSO_HEAD_WIDTHS, SNAPSHOT_NEED, VIEW_HOLD_MARGIN_DEG, viewAccepts, type FrameNeed } from './quality';
import { bodyPose, PORTRAIT } from './test-poses';

const SQUAT_NEED: FrameNeed = { parts: ['near_hip', 'near_knee', 'near_ankle'], view: 'side-or-oblique', allowMultiplePeople: true, level: false };
const check = (a: ReturnType<typeof assessFrame>, id: string) => a.checks.find((c) => c.id === id);

describe('assessFrame', () => {
  it('passes a side-on person in full view, every check ticked', () => {
    const a = assessFrame(bodyPose(), SNAPSHOT_NEED);
    expect(a.ok).toBe(true);
    expect(a.issues).toEqual([]);
    expect(a.checks.map((c) => [c.id, c.ok])).toEqual([
      ['person', true],
      ['one-person', true],
      ['parts', true],
      ['view', true],
      ['level', true],
    ]);
    expect(check(a, 'parts')?.label).toBe('Ear, shoulder and hip in the picture');
  });

  it('nobody: one blocking issue, the rest cannot be told', () => {
    const a = assessFrame(null, SNAPSHOT_NEED);
    expect(a.ok).toBe(false);
    expect(a.issues.map((i) => i.code)).toEqual(['no-person']);
    expect(check(a, 'view')?.ok).toBeNull();
  });

  it('two people, a hidden hip, a front view: each named, in that order', () => {
    const a = assessFrame(bodyPose({ peopleCount: 2, visibilityOf: { right_hip: 0.1 }, worldYawDeg: 5 }), SNAPSHOT_NEED);
    expect(a.issues.map((i) => i.code)).toEqual(['multiple-people', 'hips-not-visible', 'not-side-view']);
    expect(check(a, 'parts')?.hint).toMatch(/hips are not visible/);
  });

  it('a knee out of the picture is cut off at the bottom edge', () => {
    const a = assessFrame(bodyPose({ anchor: [360, 620] }), SQUAT_NEED);
    expect(a.ok).toBe(false);
    expect(a.issues[0].code).toBe('cut-off');
    expect(a.issues[0].message).toContain('ankle');
    expect(a.cutEdges).toEqual({ left: false, right: false, top: false, bottom: true });
  });

  it('joint-angle parts other than ear, shoulder or hip get their own words', () => {
    const a = assessFrame(bodyPose({ visibilityOf: { right_knee: 0.2, right_ankle: 0.2 } }), SQUAT_NEED);
    expect(a.issues[0].code).toBe('parts-not-visible');
    expect(a.issues[0].message).toMatch(/knee and ankle are not visible/);
  });

  it('a three-quarter view is enough for a knee angle, not for the head-forward angle', () => {
    const oblique = bodyPose({ worldYawDeg: 45 });
    expect(assessFrame(oblique, SQUAT_NEED).ok).toBe(true);
    expect(assessFrame(oblique, SNAPSHOT_NEED).issues.map((i) => i.code)).toEqual(['not-side-view']);
  });

  it('the view is a condition, and its refusal says why that view', () => {
    const front = bodyPose({ worldYawDeg: 10 });
    const trunk = assessFrame(front, TRUNK_NEED);
    expect(check(trunk, 'view')).toMatchObject({ ok: false, blocking: true });
    expect(trunk.issues[0].message).toBe(
      'Trunk extension is read from the side: seen from the front, the line from hip to shoulder shows leaning sideways, not back. Turn sideways, so one shoulder points at the camera.',
    );
    const knee = assessFrame(front, { ...SQUAT_NEED, viewReason: 'joint-angle' });
    expect(knee.ok).toBe(false);
    expect(knee.issues[0].message).toMatch(/^This exercise's angle is read from the side or three-quarter: .* Turn sideways \(at least three-quarter\)/);
    expect(assessFrame(bodyPose({ worldYawDeg: 80 }), { ...SQUAT_NEED, view: 'front', viewReason: 'front-angle' }).issues[0].code).toBe('not-front-view');
  });

  it('a stream holds its view until the body turns VIEW_HOLD_MARGIN_DEG past the line; a single frame is held to the line', () => {
    expect(VIEW_HOLD_MARGIN_DEG).toBe(10);
    const cases: [FrameNeed['view'], number, boolean, boolean][] = [
      // need, yaw, accepted fresh, accepted when held
      ['side-or-oblique', 35, true, true],
      ['side-or-oblique', 29, false, true],
      ['side-or-oblique', 22, false, true],
      ['side-or-oblique', 19, false, false],
      ['side', 61, true, true],
      ['side', 55, false, true],
      ['side', 49, false, false],
      ['front', 29, true, true],
      ['front', 38, false, true],
      ['front', 41, false, false],
    ];
    for (const [view, yaw, fresh, held] of cases) {
      expect(viewAccepts(view, yaw), `${view} ${yaw}`).toBe(fresh);
      expect(viewAccepts(view, yaw, true), `${view} ${yaw} held`).toBe(held);
      const need = { ...SQUAT_NEED, view };
      const pose = bodyPose({ worldYawDeg: yaw });
      expect(assessFrame(pose, need).viewHeld).toBe(fresh);
      expect(assessFrame(pose, need, { viewHeld: true }).viewHeld).toBe(held);
      expect(assessFrame(pose, need, { viewHeld: true }).ok).toBe(held);
    }
    expect(assessFrame(null, SQUAT_NEED, { viewHeld: true }).viewHeld).toBe(false);
    // On the lines themselves (view.ts's classes): side from 60°, front up to 30°.
    expect([viewAccepts('side', 60), viewAccepts('side-or-oblique', 30), viewAccepts('front', 30)]).toEqual([true, false, true]);
  });

  it('a tilted camera is reported but does not block; feet out of view cannot be judged', () => {
    const tilted = bodyPose({ body: { heel: [-15, -210], foot: [35, -190] } });
    const tilt = cameraTiltDeg(tilted)!;
    expect(Math.abs(tilt)).toBeGreaterThan(MAX_TILT_DEG);
    const a = assessFrame(tilted, SNAPSHOT_NEED);
    expect(a.ok).toBe(true);
    expect(check(a, 'level')).toMatchObject({ ok: false, blocking: false });
    expect(check(a, 'level')?.hint).toMatch(/tilted by about \d+°/);
    const noFeet = assessFrame(bodyPose({ visibilityOf: { right_heel: 0.1, left_heel: 0.1 } }), SNAPSHOT_NEED);
    expect(check(noFeet, 'level')?.ok).toBeNull();
    // A foot lifted mid-step does not count against the camera when the other is flat.
    const stepping = bodyPose({ pixelOf: { right_heel: [345, 600] } });
    expect(Math.abs(cameraTiltDeg(bodyPose({ pixelOf: { right_heel: [345, 600], left_heel: [339, 600] } }))!)).toBeGreaterThan(MAX_TILT_DEG);
    expect(Math.abs(cameraTiltDeg(stepping)!)).toBeLessThan(MAX_TILT_DEG);
  });

  it('is the same verdict in a portrait frame', () => {
    expect(assessFrame(bodyPose({ frame: PORTRAIT, anchor: [360, 800] }), SNAPSHOT_NEED).ok).toBe(true);
  });

  it('property: every frame it accepts for a snapshot gives both posture angles', () => {
    const names = [...LANDMARK_NAMES] as LandmarkName[];
    fc.assert(
      fc.property(
        fc.record({
          hidden: fc.subarray(names, { maxLength: 6 }),
          dx: fc.integer({ min: -400, max: 900 }),
          dy: fc.integer({ min: -300, max: 400 }),
          yaw: fc.integer({ min: 0, max: 90 }),
          people: fc.integer({ min: 0, max: 3 }),
          facing: fc.constantFrom(1 as const, -1 as const),
        }),
        ({ hidden, dx, dy, yaw, people, facing }) => {
          const pose = bodyPose({
            anchor: [360 + dx, 450 + dy],
            worldYawDeg: yaw,
            peopleCount: Math.max(1, people),
            facing,
            visibilityOf: Object.fromEntries(hidden.map((n) => [n, 0.2])),
          });
          const a = assessFrame(pose, SNAPSHOT_NEED);
          const m = measurePosture(pose, 0);
          if (a.ok) {
            expect(m.headForwardDeg).not.toBeNull();
            expect(m.trunkExtensionDeg).not.toBeNull();
          } else {
            expect(m.headForwardDeg === null || m.trunkExtensionDeg === null).toBe(true);
          }
        },
      ),
      { numRuns: 400, seed: 8 },
    );
  });
});

describe('body proportions', () => {
  it('hips too close to the shoulders for a real body are not hips', () => {
    // A head and shoulders with "hips" a head and a half below the shoulders, as a model puts them
    // on the arms of a portrait.
    const portrait = bodyPose({ body: { hip: [0, 130], knee: [5, 80], ankle: [0, 20], heel: [-15, 10], foot: [35, 10] }, anchor: [360, 600] });
    const a = assessFrame(portrait, SNAPSHOT_NEED);
    expect(a.issues.map((i) => i.code)).toContain('hips-not-visible');
    const m = measurePosture(portrait, 0);
    expect(m.trunkExtensionDeg).toBeNull();
    expect(m.refusals.trunkExtension?.code).toBe('hips-not-visible');
    // The head-forward angle needs no hips.
    expect(m.refusals.headForward).toBeNull();
  });

  it('legs squeezed in under the chest are not legs: shoulder to ankle under MIN_BODY_HEAD_WIDTHS', () => {
    // The trunk is a real length (200 px, 4 head widths of 50 px), but the "knees" and "ankles"
    // sit within a head width or so of the hips: a whole body fitted into a portrait.
    const squeezed = bodyPose({ body: { knee: [20, -20], ankle: [0, -60], heel: [-15, -65], foot: [35, -65] } });
    const b = bodyPlausibility(squeezed)!;
    expect(b.torsoHeadWidths).toBeCloseTo(4, 1);
    expect(b.bodyHeadWidths!).toBeLessThan(MIN_BODY_HEAD_WIDTHS);
    expect(b.score).toBeLessThan(1);
    expect(assessFrame(squeezed, SNAPSHOT_NEED).issues[0].code).toBe('hips-not-visible');
    // The legs out of sight (or out of the picture) leave the trunk to decide alone.
    const b2 = bodyPlausibility(bodyPose({ body: { knee: [20, -20], ankle: [0, -60] }, visibilityOf: { right_knee: 0.1, left_knee: 0.1 } }))!;
    expect(b2.bodyHeadWidths).toBeNull();
    expect(b2.score).toBeCloseTo(b2.torsoHeadWidths / MIN_TORSO_HEAD_WIDTHS, 6);
    // A real body: both conditions hold.
    const real = bodyPlausibility(bodyPose())!;
    expect(real.score).toBeGreaterThanOrEqual(1);
    expect(real.bodyHeadWidths!).toBeGreaterThanOrEqual(MIN_BODY_HEAD_WIDTHS);
  });

  it('a real trunk passes, and a head not seen leaves the check out', () => {
    expect(assessFrame(bodyPose(), SNAPSHOT_NEED).ok).toBe(true);
    const faint = bodyPose({ body: { hip: [0, 130] }, visibilityOf: { nose: 0.2 } });
    expect(assessFrame(faint, { ...SNAPSHOT_NEED, parts: ['near_shoulder', 'near_hip'] }).ok).toBe(true);
  });
});
