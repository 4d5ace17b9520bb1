// Branded units and coordinate spaces, so degrees and radians, or pixel and normalized
// points, cannot be mixed by accident.
declare const degreesBrand: unique symbol;
declare const pixelBrand: unique symbol;
declare const normalizedBrand: unique symbol;

export type Degrees = number & { readonly [degreesBrand]: true };
/** A point in image pixels: x to the right, y down. */
export type PixelPoint = readonly [x: number, y: number] & { readonly [pixelBrand]: true };
/** A point in [0, 1] fractions of image width and height. */
export type NormalizedPoint = readonly [x: number, y: number] & { readonly [normalizedBrand]: true };

export const deg = (value: number): Degrees => value as Degrees;
export const radToDeg = (radians: number): Degrees => ((radians * 180) / Math.PI) as Degrees;

export const pixel = (x: number, y: number): PixelPoint => [x, y] as unknown as PixelPoint;
export const normalized = (x: number, y: number): NormalizedPoint => [x, y] as unknown as NormalizedPoint;

/** Normalized to pixel space. Angles are only meaningful in pixels (axes share one scale). */
export function toPixel(p: NormalizedPoint, imageWidth: number, imageHeight: number): PixelPoint {
  return pixel(p[0] * imageWidth, p[1] * imageHeight);
}

export function distance(a: PixelPoint, b: PixelPoint): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export function midpoint(a: PixelPoint, b: PixelPoint): PixelPoint {
  return pixel((a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
}
