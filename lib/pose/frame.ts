import type { PoseFrame, RgbaFrame } from './types';

export function isRgbaFrame(frame: PoseFrame): frame is RgbaFrame {
  return (
    typeof (frame as RgbaFrame).data === 'object' &&
    (frame as RgbaFrame).data instanceof Uint8ClampedArray &&
    typeof (frame as RgbaFrame).width === 'number'
  );
}

/** Pixel size of any supported frame. */
export function frameSize(frame: PoseFrame): { width: number; height: number } {
  const f = frame as { videoWidth?: number; videoHeight?: number; naturalWidth?: number; naturalHeight?: number; width: number; height: number };
  if (f.videoWidth !== undefined && f.videoHeight !== undefined) return { width: f.videoWidth, height: f.videoHeight };
  if (f.naturalWidth !== undefined && f.naturalHeight !== undefined) return { width: f.naturalWidth, height: f.naturalHeight };
  return { width: f.width, height: f.height };
}

/**
 * Pixel buffers for camera frames, reused: a frame's buffer goes to the worker and comes back
 * with its result, so a running camera allocates none after its first frames.
 */
const spareBuffers: ArrayBuffer[] = [];
const MAX_SPARE_BUFFERS = 3;

export function takeFrameBuffer(bytes: number): Uint8ClampedArray {
  const i = spareBuffers.findIndex((b) => b.byteLength === bytes);
  return new Uint8ClampedArray(i >= 0 ? spareBuffers.splice(i, 1)[0] : new ArrayBuffer(bytes));
}

export function returnFrameBuffer(buffer: ArrayBuffer): void {
  if (buffer.byteLength > 0 && spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(buffer);
}
