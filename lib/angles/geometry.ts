import { deg, radToDeg, type Degrees, type PixelPoint } from './units';

/** +1 when the person faces towards +x (right in the image), -1 towards -x. */
export type Facing = 1 | -1;

/**
 * atan2 in degrees, in (-180, 180]. Math.atan2 gives -180 for a -0 (from `0 * -1`) over a
 * negative x, and rounding can land on -180 too: both are the same direction as +180.
 */
function atan2Deg(y: number, x: number): Degrees {
  const a = radToDeg(Math.atan2(y, x));
  return a === -180 ? deg(180) : a;
}

/**
 * Angle between the horizontal and the line from `from` to `to`, measured on the side the
 * person faces: 90 = `to` straight above `from`, under 90 = `to` ahead, over 90 = behind.
 * Image y points down, so "up" is -y.
 */
export function elevationDeg(from: PixelPoint, to: PixelPoint, facing: Facing): Degrees {
  const ahead = (to[0] - from[0]) * facing;
  const up = from[1] - to[1];
  return atan2Deg(up, ahead);
}

/**
 * Signed angle between the vertical and the line from `base` up to `top`: positive when
 * `top` is behind `base` (leaning back), negative when ahead (leaning forward).
 */
export function leanBackDeg(base: PixelPoint, top: PixelPoint, facing: Facing): Degrees {
  const behind = -(top[0] - base[0]) * facing;
  const up = base[1] - top[1];
  return atan2Deg(behind, up);
}

/** Interior angle at `b` of the path a-b-c, in [0, 180]. */
export function jointAngleDeg(a: PixelPoint, b: PixelPoint, c: PixelPoint): Degrees {
  const v1x = a[0] - b[0];
  const v1y = a[1] - b[1];
  const v2x = c[0] - b[0];
  const v2y = c[1] - b[1];
  return radToDeg(Math.atan2(Math.abs(v1x * v2y - v1y * v2x), v1x * v2x + v1y * v2y));
}

/**
 * The angle at `b` of the path a-b-c, signed by which side of the line a-c the point `b` lies,
 * in [0, 360): 180 is straight; it grows past 180 as `b` moves to the `towards` side of the
 * line (a direction in pixels, e.g. [0, -1] for up) and falls below 180 as it moves to the
 * other side. Unlike the interior angle, it does not fold back at 180, so "hips lifted above
 * the shoulder-ankle line" and "hips on the floor" read differently.
 */
export function signedJointAngleDeg(a: PixelPoint, b: PixelPoint, c: PixelPoint, towards: readonly [number, number]): Degrees {
  const interior = jointAngleDeg(a, b, c);
  // Normal of the line a->c, turned to point the `towards` way.
  let nx = -(c[1] - a[1]);
  let ny = c[0] - a[0];
  if (nx * towards[0] + ny * towards[1] < 0) {
    nx = -nx;
    ny = -ny;
  }
  const side = (b[0] - a[0]) * nx + (b[1] - a[1]) * ny;
  return deg(side > 0 ? 360 - interior : interior);
}
