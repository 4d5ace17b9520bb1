import type { SnapshotGeometry } from '@/lib/storage/snapshot-record';

type Point = readonly [number, number];

const COLORS = { ear: '#facc15', shoulder: '#22d3ee', hip: '#f472b6', line: '#ffffff', guide: 'rgba(255,255,255,0.7)' };

function line(ctx: CanvasRenderingContext2D, a: Point, b: Point, color: string, width: number, dash: number[] = []) {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(a[0], a[1]);
  ctx.lineTo(b[0], b[1]);
  ctx.stroke();
  ctx.restore();
}

function dot(ctx: CanvasRenderingContext2D, p: Point, color: string, r: number, label: string) {
  ctx.fillStyle = color;
  ctx.strokeStyle = '#0f172a';
  ctx.lineWidth = r / 2;
  ctx.beginPath();
  ctx.arc(p[0], p[1], r, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
  text(ctx, label, [p[0] + r * 1.6, p[1] + r * 0.6], r * 2.6, color);
}

function text(ctx: CanvasRenderingContext2D, s: string, at: Point, size: number, color = '#fff') {
  ctx.font = `600 ${Math.round(size)}px system-ui, sans-serif`;
  ctx.lineWidth = Math.max(2, size / 5);
  ctx.strokeStyle = 'rgba(15, 23, 42, 0.9)';
  ctx.strokeText(s, at[0], at[1]);
  ctx.fillStyle = color;
  ctx.fillText(s, at[0], at[1]);
}

/** Arc around `center` from angle `fromRad` to `toRad` (canvas angles: y down). */
function arc(ctx: CanvasRenderingContext2D, center: Point, radius: number, fromRad: number, toRad: number, width: number) {
  ctx.save();
  ctx.strokeStyle = COLORS.line;
  ctx.lineWidth = width;
  ctx.beginPath();
  const ccw = ((toRad - fromRad + 3 * Math.PI) % (2 * Math.PI)) - Math.PI < 0;
  ctx.arc(center[0], center[1], radius, fromRad, toRad, ccw);
  ctx.stroke();
  ctx.restore();
}

/**
 * Draws the snapshot picture (or a plain background) with the ear, shoulder and hip points,
 * the horizontal and shoulder-ear line with the head-forward angle, and the vertical and
 * hip-shoulder line with the trunk angle. The canvas is resized to the frame.
 */
export function drawAnnotations(
  canvas: HTMLCanvasElement,
  geometry: SnapshotGeometry,
  angles: { headForwardDeg: number | null; trunkExtensionDeg: number | null },
  picture: CanvasImageSource | null,
): void {
  canvas.width = geometry.imageWidth;
  canvas.height = geometry.imageHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  if (picture) ctx.drawImage(picture, 0, 0, canvas.width, canvas.height);
  else {
    ctx.fillStyle = '#1e293b';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  const unit = Math.max(2, Math.min(canvas.width, canvas.height) / 160);
  const { ear, shoulder, hip, facing } = geometry;

  if (shoulder && ear && angles.headForwardDeg !== null) {
    const len = Math.max(Math.hypot(ear[0] - shoulder[0], ear[1] - shoulder[1]) * 1.3, 12 * unit);
    line(ctx, shoulder, [shoulder[0] + facing * len, shoulder[1]], COLORS.guide, unit, [3 * unit, 2 * unit]);
    line(ctx, shoulder, ear, COLORS.line, unit * 1.2);
    const horizontal = facing === 1 ? 0 : Math.PI;
    const toEar = Math.atan2(ear[1] - shoulder[1], ear[0] - shoulder[0]);
    arc(ctx, shoulder, len * 0.35, horizontal, toEar, unit);
    text(ctx, `${angles.headForwardDeg.toFixed(0)}°`, [shoulder[0] + facing * len * 0.45 - (facing === -1 ? 14 * unit : 0), shoulder[1] - len * 0.12], 5 * unit);
  }
  if (shoulder && hip && angles.trunkExtensionDeg !== null) {
    const len = Math.hypot(shoulder[0] - hip[0], shoulder[1] - hip[1]);
    line(ctx, hip, [hip[0], hip[1] - len], COLORS.guide, unit, [3 * unit, 2 * unit]);
    line(ctx, hip, shoulder, COLORS.line, unit * 1.2);
    const up = -Math.PI / 2;
    const toShoulder = Math.atan2(shoulder[1] - hip[1], shoulder[0] - hip[0]);
    arc(ctx, hip, len * 0.3, up, toShoulder, unit);
    text(ctx, `${angles.trunkExtensionDeg.toFixed(0)}°`, [hip[0] - facing * 16 * unit - (facing === 1 ? 0 : -4 * unit), hip[1] - len * 0.45], 5 * unit);
  }
  if (ear) dot(ctx, ear, COLORS.ear, 2.2 * unit, 'ear');
  if (shoulder) dot(ctx, shoulder, COLORS.shoulder, 2.2 * unit, 'shoulder');
  if (hip) dot(ctx, hip, COLORS.hip, 2.2 * unit, 'hip');
}
