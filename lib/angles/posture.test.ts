import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pose } from '../pose/types';
import type { Facing } from './geometry';
import { classifyView, facingOf, measurePosture, nearSide, type PostureMeasurement } from './posture';
import { refusal, type RefusalCode } from './refusals';
import { bodyPose, LANDSCAPE, mirrorPose, movePixels, PORTRAIT, type BodyOptions, type BodyPoint, type FrameSize } from './test-poses';

const EPSILON_DEG = 0.01;
const EPSILON_OFFSET = 1e-4;
/** Floating-point noise only: the same pixel geometry reached through different normalized numbers. */
const ROUNDING_DEG = 1e-9;
const MIN_SEGMENT_PX = 10;

/** Measured values, failing the test when a refusal was expected not to happen. */
function angles(m: PostureMeasurement) {
  expect(m.refusals).toEqual({ headForward: null, trunkExtension: null });
  return { head: m.headForwardDeg!, trunk: m.trunkExtensionDeg!, offset: m.headForwardOffset! };
}

/**
 * These tests are about the arithmetic of the angles on made-up bodies, some with a trunk
 * shorter than a real one. A nose seen faintly leaves the body-proportion check out of it
 * (it needs the head: see quality.test.ts); the nose's place still gives the facing.
 */
const ARITHMETIC: BodyOptions['visibilityOf'] = { nose: 0.3 };
const measure = (options: BodyOptions = {}) => measurePosture(bodyPose({ ...options, visibilityOf: { ...ARITHMETIC, ...options.visibilityOf } }), 0);

const angularDistance = (a: number, b: number): number => {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
};

describe('measurePosture: hand-computed angles', () => {
  it('ear 30 px ahead of and 40 px above the shoulder: head-forward atan2(40, 30) = 53.13 deg', () => {
    const { head, trunk } = angles(measure());
    expect(Math.abs(head - 53.1301)).toBeLessThan(EPSILON_DEG);
    // UPRIGHT has the shoulder straight above the hip.
    expect(Math.abs(trunk)).toBeLessThan(EPSILON_DEG);
  });

  it('shoulder 20 px behind and 100 px above the hip: trunk +11.31 deg; offset 30 px over a 101.98 px trunk', () => {
    const { head, trunk, offset } = angles(measure({ body: { shoulder: [-20, 100], ear: [10, 140], nose: [50, 140] } }));
    expect(Math.abs(trunk - 11.3099)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(head - 53.1301)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(offset - 30 / Math.hypot(20, 100))).toBeLessThan(EPSILON_OFFSET);
  });

  it('shoulders ahead of the hips lean forward: -11.31 deg', () => {
    const { trunk } = angles(measure({ body: { shoulder: [20, 100], ear: [50, 140], nose: [90, 140] } }));
    expect(Math.abs(trunk + 11.3099)).toBeLessThan(EPSILON_DEG);
  });

  it('ear straight above the shoulder: 90 deg and zero offset; ear behind: over 90 and negative offset', () => {
    const above = angles(measure({ body: { ear: [0, 250] } }));
    expect(Math.abs(above.head - 90)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(above.offset)).toBeLessThan(EPSILON_OFFSET);
    const behind = angles(measure({ body: { ear: [-10, 240] } }));
    expect(Math.abs(behind.head - (180 - 75.9638))).toBeLessThan(EPSILON_DEG);
    expect(behind.offset).toBeLessThan(0);
  });

  it('facing right and facing left: same angles, each with its own near side and facing', () => {
    const body: BodyOptions['body'] = { shoulder: [-20, 100], ear: [10, 140], nose: [50, 140] };
    const right = measure({ facing: 1, body });
    const left = measure({ facing: -1, anchor: [900, 450], body });
    expect([right.side, right.facing]).toEqual(['right', 1]);
    expect([left.side, left.facing]).toEqual(['left', -1]);
    const r = angles(right);
    const l = angles(left);
    expect(Math.abs(l.head - r.head)).toBeLessThan(ROUNDING_DEG);
    expect(Math.abs(l.trunk - r.trunk)).toBeLessThan(ROUNDING_DEG);
    expect(Math.abs(l.offset - r.offset)).toBeLessThan(EPSILON_OFFSET);
  });

  it('reports the near-side points in pixels', () => {
    const m = measure({ anchor: [400, 500] });
    expect(m.points.hip![0]).toBeCloseTo(400, 9);
    expect(m.points.hip![1]).toBeCloseTo(500, 9);
    expect(m.points.shoulder![1]).toBeCloseTo(300, 9);
    expect(m.points.ear![0]).toBeCloseTo(430, 9);
  });
});

describe('measurePosture: invariance', () => {
  const body: BodyOptions['body'] = { shoulder: [-12, 190], ear: [25, 235], nose: [65, 240] };

  it('the same pixel geometry in a 1280x720 and a 720x1280 frame gives the same degrees', () => {
    const wide = measure({ frame: LANDSCAPE, body });
    const tall = measure({ frame: PORTRAIT, body });
    const w = angles(wide);
    const t = angles(tall);
    expect(Math.abs(w.head - t.head)).toBeLessThan(ROUNDING_DEG);
    expect(Math.abs(w.trunk - t.trunk)).toBeLessThan(ROUNDING_DEG);
    expect(Math.abs(w.offset - t.offset)).toBeLessThan(ROUNDING_DEG);
    expect([tall.side, tall.facing, tall.view.view]).toEqual([wide.side, wide.facing, wide.view.view]);
  });

  it('would not be frame-independent on raw normalized coordinates, so the test above can fail', () => {
    const normalizedHead = (pose: Pose) => {
      const [ear, shoulder] = [pose.landmarks[8], pose.landmarks[12]];
      return (Math.atan2(shoulder.y - ear.y, ear.x - shoulder.x) * 180) / Math.PI;
    };
    expect(Math.abs(normalizedHead(bodyPose({ frame: LANDSCAPE, body })) - normalizedHead(bodyPose({ frame: PORTRAIT, body })))).toBeGreaterThan(10);
  });

  it.each([LANDSCAPE, PORTRAIT])('a mirrored pose (x -> 1-x, left/right swapped) keeps the angles, mirrors the near side (%o)', (frame: FrameSize) => {
    const pose = bodyPose({ frame, body });
    const original = measurePosture(pose, 0);
    const mirrored = measurePosture(mirrorPose(pose), 0);
    expect([original.side, original.facing]).toEqual(['right', 1]);
    expect([mirrored.side, mirrored.facing]).toEqual(['left', -1]);
    expect(mirrored.view.view).toBe(original.view.view);
    const o = angles(original);
    const m = angles(mirrored);
    expect(Math.abs(m.head - o.head)).toBeLessThan(ROUNDING_DEG);
    expect(Math.abs(m.trunk - o.trunk)).toBeLessThan(ROUNDING_DEG);
    expect(Math.abs(m.offset - o.offset)).toBeLessThan(ROUNDING_DEG);
  });

  it('a mirrored pose equals the same body built facing the other way', () => {
    const mirrored = mirrorPose(bodyPose({ body }));
    const built = bodyPose({ body, facing: -1, anchor: [LANDSCAPE.width - 360, 450] });
    mirrored.landmarks.forEach((l, i) => {
      expect(l.x).toBeCloseTo(built.landmarks[i].x, 9);
      expect(l.y).toBeCloseTo(built.landmarks[i].y, 9);
    });
  });
});

describe('nearSide and facingOf', () => {
  it('picks the side with the smaller depth when BlazePose reports visibility ~1 on both sides', () => {
    for (const near of ['left', 'right'] as const) {
      const pose = bodyPose({ near, visibility: 0.999 });
      expect(nearSide(pose).side).toBe(near);
      expect(nearSide(pose).confidence).toBeGreaterThan(0.5);
    }
  });

  it('follows depth even when the far side looks more visible', () => {
    const pose = bodyPose({ near: 'right', visibilityOf: { left_ear: 1, left_shoulder: 1, left_hip: 1, right_ear: 0.9, right_shoulder: 0.9, right_hip: 0.9 } });
    expect(nearSide(pose).side).toBe('right');
  });

  it('falls back to visibility when the depths are equal, with confidence 0.5', () => {
    const flat = { nearZPx: 0, farZPx: 0 } as const;
    const leftSeen = bodyPose({ ...flat, visibilityOf: { right_ear: 0.3, right_shoulder: 0.4, right_hip: 0.5 } });
    expect(nearSide(leftSeen)).toEqual({ side: 'left', confidence: 0.5 });
    const rightSeen = bodyPose({ ...flat, visibilityOf: { left_ear: 0.3, left_shoulder: 0.4, left_hip: 0.5 } });
    expect(nearSide(rightSeen)).toEqual({ side: 'right', confidence: 0.5 });
  });

  it('measures on the near side, not the far one', () => {
    // The far ear straight above the far shoulder would read 90 deg.
    const pose = bodyPose({ pixelOf: { left_ear: [360 - 6, 450 - 260] } });
    expect(Math.abs(angles(measurePosture(pose, 0)).head - 53.1301)).toBeLessThan(EPSILON_DEG);
  });

  it('faces the way the nose points past the ear, and by the feet when the head is ambiguous', () => {
    expect(facingOf(bodyPose({ facing: 1 }), 'right')).toBe(1);
    expect(facingOf(bodyPose({ facing: -1, anchor: [900, 450] }), 'left')).toBe(-1);
    // Nose level with the ear: the toes (ahead of the heel) decide.
    for (const facing of [1, -1] as const) {
      const pose = bodyPose({ facing, anchor: [640, 450], body: { nose: [30, 240] } });
      expect(facingOf(pose, facing === 1 ? 'right' : 'left')).toBe(facing);
    }
  });
});

describe('classifyView', () => {
  it.each([
    [90, 'side'],
    [75, 'side'],
    [61, 'side'],
    [59, 'oblique'],
    [45, 'oblique'],
    [31, 'oblique'],
    [29, 'front'],
    [10, 'front'],
    [0, 'front'],
  ] as const)('world landmarks turned %d deg: %s', (yaw, view) => {
    const v = classifyView(bodyPose({ worldYawDeg: yaw }));
    expect(v.view).toBe(view);
    expect(Math.abs(v.yawDeg - yaw)).toBeLessThan(EPSILON_DEG);
    expect(v.confidence).toBeGreaterThanOrEqual(0.5);
    expect(v.confidence).toBeLessThanOrEqual(1);
  });

  it('is least confident at a class boundary and fully confident far inside', () => {
    expect(classifyView(bodyPose({ worldYawDeg: 60.001 })).confidence).toBeCloseTo(0.5, 3);
    expect(classifyView(bodyPose({ worldYawDeg: 29.999 })).confidence).toBeCloseTo(0.5, 3);
    expect(classifyView(bodyPose({ worldYawDeg: 90 })).confidence).toBe(1);
    expect(classifyView(bodyPose({ worldYawDeg: 0 })).confidence).toBe(1);
  });

  it('prefers the world landmarks to the picture', () => {
    // Narrow shoulders in the picture (profile), but the 3D body faces the camera.
    expect(classifyView(bodyPose({ worldYawDeg: 0 })).view).toBe('front');
  });

  it('falls back to shoulder width against torso length without world landmarks', () => {
    const view = (shoulderWidthPx: number) => classifyView(bodyPose({ worldYawDeg: null, farOffset: [-shoulderWidthPx, 0] }));
    // Torso 200 px (UPRIGHT).
    expect(view(10).view).toBe('side');
    expect(view(110).view).toBe('oblique');
    expect(view(150).view).toBe('front');
    expect(view(180).view).toBe('front');
    expect(view(180).yawDeg).toBe(0);
    expect(view(10).yawDeg).toBeGreaterThan(view(110).yawDeg);
    expect(view(110).yawDeg).toBeGreaterThan(view(150).yawDeg);
  });

  it('the 2D fallback is the same in portrait and landscape', () => {
    for (const width of [10, 110, 150]) {
      const wide = classifyView(bodyPose({ frame: LANDSCAPE, worldYawDeg: null, farOffset: [-width, 0] }));
      const tall = classifyView(bodyPose({ frame: PORTRAIT, worldYawDeg: null, farOffset: [-width, 0] }));
      expect(tall.view).toBe(wide.view);
      expect(Math.abs(tall.yawDeg - wide.yawDeg)).toBeLessThan(ROUNDING_DEG);
    }
  });
});

describe('measurePosture: refusals', () => {
  const expectRefused = (r: { code: RefusalCode; message: string } | null, code: RefusalCode, words: RegExp) => {
    expect(r?.code).toBe(code);
    expect(r?.message).toMatch(words);
  };

  it('no-person: nothing measured, both refused', () => {
    const m = measurePosture(null, 1234);
    expect(m.timestampMs).toBe(1234);
    expect([m.headForwardDeg, m.headForwardOffset, m.trunkExtensionDeg]).toEqual([null, null, null]);
    expectRefused(m.refusals.headForward, 'no-person', /no one is in view/i);
    expectRefused(m.refusals.trunkExtension, 'no-person', /no one is in view/i);
    expect(m.points).toEqual({ ear: null, shoulder: null, hip: null });
  });

  it('multiple-people refuses both, unless several people are allowed', () => {
    const crowd = measure({ peopleCount: 2 });
    expectRefused(crowd.refusals.headForward, 'multiple-people', /more than one person/i);
    expectRefused(crowd.refusals.trunkExtension, 'multiple-people', /more than one person/i);
    expect(crowd.headForwardDeg).toBeNull();
    expect(crowd.trunkExtensionDeg).toBeNull();
    const allowed = measurePosture(bodyPose({ peopleCount: 2 }), 0, { allowMultiplePeople: true });
    expect(Math.abs(angles(allowed).head - 53.1301)).toBeLessThan(EPSILON_DEG);
  });

  it('ears-not-visible refuses the head-forward angle only', () => {
    const m = measure({ visibilityOf: { right_ear: 0.2 } });
    expectRefused(m.refusals.headForward, 'ears-not-visible', /ear/i);
    expect(m.headForwardDeg).toBeNull();
    expect(m.headForwardOffset).toBeNull();
    expect(m.refusals.trunkExtension).toBeNull();
    expect(m.trunkExtensionDeg).not.toBeNull();
    expect(m.points.ear).toBeNull();
  });

  it('shoulders-not-visible refuses both', () => {
    const m = measure({ visibilityOf: { right_shoulder: 0.1 } });
    expectRefused(m.refusals.headForward, 'shoulders-not-visible', /shoulder/i);
    expectRefused(m.refusals.trunkExtension, 'shoulders-not-visible', /shoulder/i);
  });

  it('hips-not-visible refuses the trunk angle and the offset, not the head-forward angle', () => {
    const m = measure({ visibilityOf: { right_hip: 0.3 } });
    expectRefused(m.refusals.trunkExtension, 'hips-not-visible', /hips/i);
    expect(m.trunkExtensionDeg).toBeNull();
    expect(m.headForwardOffset).toBeNull();
    expect(m.refusals.headForward).toBeNull();
    expect(Math.abs(m.headForwardDeg! - 53.1301)).toBeLessThan(EPSILON_DEG);
  });

  it('cut-off names the parts outside the picture', () => {
    const hipsOut = measure({ pixelOf: { right_hip: [360, 730] } });
    expectRefused(hipsOut.refusals.trunkExtension, 'cut-off', /outside the picture \(your hip\)/);
    expect(hipsOut.refusals.headForward).toBeNull();
    const earOut = measure({ anchor: [360, 230], body: { ear: [30, 235] } });
    expectRefused(earOut.refusals.headForward, 'cut-off', /your ear\)/);
    expect(earOut.refusals.trunkExtension).toBeNull();
  });

  it('not-side-view refuses the head-forward angle of a person facing the camera', () => {
    const m = measure({ worldYawDeg: 0 });
    expectRefused(m.refusals.headForward, 'not-side-view', /sideways/i);
    expect(m.headForwardDeg).toBeNull();
    expect(m.view.view).toBe('front');
    expectRefused(measure({ worldYawDeg: 45 }).refusals.headForward, 'not-side-view', /sideways/i);
  });

  it('not-side-view refuses trunk extension too, facing the camera or three-quarter, saying why it is read from the side', () => {
    for (const yaw of [0, 45]) {
      const m = measure({ worldYawDeg: yaw });
      expect(m.trunkExtensionDeg).toBeNull();
      expectRefused(m.refusals.trunkExtension, 'not-side-view', /^Trunk extension is read from the side: seen from the front, the line from hip to shoulder shows leaning sideways, not back\. Turn sideways/);
      expectRefused(m.refusals.headForward, 'not-side-view', /^The head-forward angle is read from the side/);
      expect(m.sideViewHeld).toBe(false);
    }
    // A stream that was side-on keeps the side view 10° past the line (counting), a single frame does not.
    expect(measure({ worldYawDeg: 55 }).trunkExtensionDeg).toBeNull();
    const held = measurePosture(bodyPose({ worldYawDeg: 55, visibilityOf: ARITHMETIC }), 0, { viewHeld: true });
    expect(held.trunkExtensionDeg).not.toBeNull();
    expect(held.sideViewHeld).toBe(true);
  });

  it('a low visibility refuses before being cut off, and several people before anything else', () => {
    expect(measure({ visibilityOf: { right_hip: 0.1 }, pixelOf: { right_hip: [360, 730] } }).refusals.trunkExtension?.code).toBe('hips-not-visible');
    expect(measure({ peopleCount: 3, worldYawDeg: 0, visibilityOf: { right_ear: 0 } }).refusals.headForward?.code).toBe('multiple-people');
  });

  it('every code has its own message', () => {
    const codes: RefusalCode[] = ['no-person', 'multiple-people', 'ears-not-visible', 'shoulders-not-visible', 'hips-not-visible', 'cut-off', 'not-side-view', 'moving'];
    const messages = codes.map((c) => refusal(c).message);
    expect(new Set(messages).size).toBe(codes.length);
    for (const m of messages) expect(m.length).toBeGreaterThan(20);
  });
});

describe('measurePosture: properties', () => {
  /** Pixel coordinates to 1/100 px, like a model's output (no subnormal nonsense). */
  const px = (max: number) => fc.integer({ min: -max * 100, max: max * 100 }).map((v) => v / 100);
  const offset = (ahead: number, up: number) => fc.tuple(px(ahead), px(up));
  /** Random near-side ear (relative to the shoulder) and shoulder (relative to the hip), staying inside both frames. */
  interface BodyCase {
    readonly shoulder: BodyPoint;
    readonly ear: BodyPoint;
    readonly facing: Facing;
    readonly frame: FrameSize;
  }
  const body: fc.Arbitrary<BodyCase> = fc.record({
    shoulder: offset(150, 200),
    ear: offset(90, 90),
    facing: fc.constantFrom<Facing>(1, -1),
    frame: fc.constantFrom(LANDSCAPE, PORTRAIT),
  });
  const poseOf = ({ shoulder, ear, facing, frame }: BodyCase): Pose => {
    const earAt: BodyPoint = [shoulder[0] + ear[0], shoulder[1] + ear[1]];
    return bodyPose({
      frame,
      facing,
      anchor: [frame.width / 2, frame.height / 2],
      // The nose well ahead of the ear keeps the facing unambiguous.
      body: { shoulder, ear: earAt, nose: [earAt[0] + 50, earAt[1]] },
      visibilityOf: ARITHMETIC,
    });
  };
  const nudge = fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }))
    .map(([r, a]) => [r * Math.cos(a), r * Math.sin(a)] as const);

  it('angles are finite and in (-180, 180]', () => {
    fc.assert(
      fc.property(body, (b) => {
        const m = measurePosture(poseOf(b), 0);
        expect(m.refusals).toEqual({ headForward: null, trunkExtension: null });
        for (const v of [m.headForwardDeg, m.trunkExtensionDeg]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThan(-180);
          expect(v).toBeLessThanOrEqual(180);
        }
        // No trunk, no offset: it is a fraction of the trunk length.
        if (b.shoulder[0] === 0 && b.shoulder[1] === 0) expect(m.headForwardOffset).toBeNull();
        else expect(Number.isFinite(m.headForwardOffset)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('moving ear, shoulder and hip by at most 1 px changes each angle by at most asin(2 / segment length)', () => {
    fc.assert(
      fc.property(body, nudge, nudge, nudge, (b, dEar, dShoulder, dHip) => {
        const earLength = Math.hypot(...b.ear);
        const trunkLength = Math.hypot(...b.shoulder);
        fc.pre(earLength >= MIN_SEGMENT_PX && trunkLength >= MIN_SEGMENT_PX);
        // The way the head faces is read from the nose while the trunk is nearer upright than
        // level, and from the hips to the shoulders while it is nearer level (on all fours,
        // lying: measurePosture says why). Where the two disagree the angle switches between
        // x and 180 - x at the 45° line between the two, by design; this property is about each
        // side of it. Nudges of 1 px move the trunk's run and rise by 2 px at most each, so a
        // body more than 4 px from that line stays on its side.
        fc.pre(Math.abs(Math.abs(b.shoulder[0]) - Math.abs(b.shoulder[1])) > 4);
        const pose = poseOf(b);
        const side = b.facing === 1 ? 'right' : 'left';
        const moved = movePixels(movePixels(movePixels(pose, `${side}_ear`, ...dEar), `${side}_shoulder`, ...dShoulder), `${side}_hip`, ...dHip);
        const before = angles(measurePosture(pose, 0));
        const after = angles(measurePosture(moved, 0));
        const bound = (r: number) => (Math.asin(2 / r) * 180) / Math.PI + ROUNDING_DEG;
        expect(angularDistance(before.head, after.head)).toBeLessThanOrEqual(bound(earLength));
        expect(angularDistance(before.trunk, after.trunk)).toBeLessThanOrEqual(bound(trunkLength));
      }),
      { numRuns: 500 },
    );
  });
});
