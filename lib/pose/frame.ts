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
