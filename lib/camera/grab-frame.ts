// One camera (or video) frame for the pose worker, as RGBA pixels. Where the browser has
// WebCodecs, the video's current picture is taken as a VideoFrame (no copy) and converted once
// to RGBA into a reused buffer (about 5 ms for 640x480 on a slow 2-core machine, against 15-35
// ms for createImageBitmap of the video element, which also blocks the page). The pixels move
// to the worker without a copy and their buffer comes back with the result.
import { returnFrameBuffer, takeFrameBuffer } from '../pose/frame';
import type { RgbaFrame } from '../pose/types';

let rgbaCopies = typeof VideoFrame === 'function';

/** The video's current picture; the caller owns it (send it to the engine, or close a bitmap). */
export async function grabFrame(video: HTMLVideoElement): Promise<RgbaFrame | ImageBitmap> {
  if (rgbaCopies) {
    let frame: VideoFrame | null = null;
    let data: Uint8ClampedArray | null = null;
    try {
      frame = new VideoFrame(video);
      const rect = frame.visibleRect;
      const width = rect?.width ?? frame.displayWidth;
      const height = rect?.height ?? frame.displayHeight;
      data = takeFrameBuffer(width * height * 4);
      await frame.copyTo(data, { format: 'RGBA' });
      return { data, width, height };
    } catch (err) {
      if (data) returnFrameBuffer(data.buffer as ArrayBuffer);
      // WebCodecs without RGBA copies (or without video-element sources): bitmaps from now on.
      // Anything else (no picture yet, say) falls back for this frame only.
      const name = (err as { name?: string } | null)?.name;
      if (name === 'TypeError' || name === 'NotSupportedError') rgbaCopies = false;
    } finally {
      frame?.close();
    }
  }
  return createImageBitmap(video);
}

/** Lets go of a grabbed frame that will not be sent. */
export function dropFrame(frame: RgbaFrame | ImageBitmap): void {
  if (frame instanceof ImageBitmap) frame.close();
  else returnFrameBuffer(frame.data.buffer as ArrayBuffer);
}
