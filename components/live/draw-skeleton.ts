import { LANDMARK_INDEX, MIN_VISIBILITY, SKELETON_EDGES } from '@/lib/pose/landmarks';
import type { Pose } from '@/lib/pose/types';

/** Draws the pose over a canvas whose pixel size matches the video frame. Returns points drawn. */
export function drawSkeleton(ctx: CanvasRenderingContext2D, pose: Pose | null): number {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  if (!pose) return 0;
  const scale = Math.max(2, Math.round(Math.min(width, height) / 240));
  const px = (i: number) => [pose.landmarks[i].x * width, pose.landmarks[i].y * height] as const;
  ctx.lineCap = 'round';
  ctx.lineWidth = scale * 1.5;
  for (const [a, b] of SKELETON_EDGES) {
    const ia = LANDMARK_INDEX[a];
    const ib = LANDMARK_INDEX[b];
    const seen = Math.min(pose.landmarks[ia].visibility, pose.landmarks[ib].visibility) >= MIN_VISIBILITY;
    ctx.strokeStyle = seen ? 'rgba(0, 214, 170, 0.95)' : 'rgba(255, 255, 255, 0.35)';
    const [ax, ay] = px(ia);
    const [bx, by] = px(ib);
    ctx.beginPath();
    ctx.moveTo(ax, ay);
    ctx.lineTo(bx, by);
    ctx.stroke();
  }
  let drawn = 0;
  pose.landmarks.forEach((l, i) => {
    const [x, y] = px(i);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    ctx.fillStyle = l.visibility >= MIN_VISIBILITY ? '#ffd166' : 'rgba(255, 255, 255, 0.4)';
    ctx.beginPath();
    ctx.arc(x, y, scale * 2, 0, Math.PI * 2);
    ctx.fill();
    drawn++;
  });
  return drawn;
}

/**
 * Sizes the overlay canvas to the video frame (when it changed), draws the pose and records
 * how many landmarks were drawn in `data-landmarks`. Returns the context for further drawing.
 */
export function drawPoseOverlay(canvas: HTMLCanvasElement | null, video: HTMLVideoElement, pose: Pose | null): CanvasRenderingContext2D | null {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return null;
  if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
  }
  canvas.dataset.landmarks = String(drawSkeleton(ctx, pose));
  return ctx;
}
