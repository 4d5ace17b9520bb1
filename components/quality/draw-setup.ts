import type { FrameAssessment } from '@/lib/angles/quality';

/**
 * The picture's boundaries over the camera view during a setup check: a frame just inside the
 * edges, green when everything needed is in the picture, red on the edges that cut off a part.
 */
export function drawSetupOverlay(ctx: CanvasRenderingContext2D, a: FrameAssessment): void {
  const { width, height } = ctx.canvas;
  const w = Math.max(3, Math.round(Math.min(width, height) / 90));
  const inset = w / 2 + 1;
  const good = a.ok ? '#22c55e' : '#f59e0b';
  const bad = '#ef4444';
  ctx.save();
  ctx.lineWidth = w;
  ctx.setLineDash([w * 3, w * 2]);
  const edge = (cut: boolean, x1: number, y1: number, x2: number, y2: number) => {
    ctx.strokeStyle = cut ? bad : good;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  };
  edge(a.cutEdges.top, inset, inset, width - inset, inset);
  edge(a.cutEdges.right, width - inset, inset, width - inset, height - inset);
  edge(a.cutEdges.bottom, width - inset, height - inset, inset, height - inset);
  edge(a.cutEdges.left, inset, height - inset, inset, inset);
  ctx.restore();
}
