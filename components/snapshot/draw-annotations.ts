import type { SnapshotGeometry } from '@/lib/storage/snapshot-record';

type Point = readonly [number, number];

interface Palette {
  readonly background: string;
  readonly line: string;
  readonly guide: string;
  readonly text: string;
  readonly textOutline: string;
  readonly ear: string;
  readonly shoulder: string;
  readonly hip: string;
  readonly dotOutline: string;
}

/** Over the photo: light lines with dark outlines. */
const ON_PHOTO: Palette = {
  background: '#1e293b',
  line: '#ffffff',
  guide: 'rgba(255,255,255,0.75)',
  text: '#ffffff',
  textOutline: 'rgba(15, 23, 42, 0.9)',
  ear: '#facc15',
  shoulder: '#22d3ee',
  hip: '#f472b6',
  dotOutline: '#0f172a',
};

/** Lines only (no picture kept): dark lines on a light ground, readable as a small thumbnail. */
const PLAIN: Palette = {
  background: '#e2e8f0',
  line: '#0f172a',
  guide: 'rgba(15, 23, 42, 0.55)',
  text: '#0f172a',
  textOutline: 'rgba(255, 255, 255, 0.9)',
  ear: '#a16207',
  shoulder: '#0e7490',
  hip: '#be185d',
  dotOutline: '#ffffff',
};

export interface AnnotationOptions {
  /** Write the angles and point names (off for small thumbnails, whose numbers sit beside them). */
  readonly labels?: boolean;
  /** Show only the body (ear to hip, with a margin) rather than the whole frame. */
  readonly crop?: boolean;
  /** Smallest label height in CSS pixels on screen, whatever the picture's size. Default 16. */
  readonly minLabelPx?: number;
}

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

function text(ctx: CanvasRenderingContext2D, p: Palette, s: string, at: Point, size: number) {
  ctx.font = `700 ${Math.round(size)}px system-ui, sans-serif`;
  ctx.lineJoin = 'round';
  ctx.lineWidth = Math.max(2, size / 4);
  ctx.strokeStyle = p.textOutline;
  ctx.strokeText(s, at[0], at[1]);
  ctx.fillStyle = p.text;
  ctx.fillText(s, at[0], at[1]);
}

/** Arc around `center` from angle `fromRad` to `toRad` (canvas angles: y down). */
function arc(ctx: CanvasRenderingContext2D, color: string, center: Point, radius: number, fromRad: number, toRad: number, width: number) {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  const ccw = ((toRad - fromRad + 3 * Math.PI) % (2 * Math.PI)) - Math.PI < 0;
  ctx.arc(center[0], center[1], radius, fromRad, toRad, ccw);
  ctx.stroke();
  ctx.restore();
}

/** The part of the frame to show: all of it, or the body's box with a margin. */
function viewBox(geometry: SnapshotGeometry, crop: boolean): { x: number; y: number; w: number; h: number } {
  const full = { x: 0, y: 0, w: geometry.imageWidth, h: geometry.imageHeight };
  const pts = [geometry.ear, geometry.shoulder, geometry.hip].filter((p): p is readonly [number, number] => p !== null);
  if (!crop || pts.length < 2) return full;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const h0 = Math.max(...ys) - Math.min(...ys);
  const margin = Math.max(h0 * 0.35, 20);
  let h = h0 + 2 * margin;
  let w = h * 0.8;
  w = Math.min(w, full.w);
  h = Math.min(h, full.h);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const x = Math.max(0, Math.min(full.w - w, cx - w / 2));
  const y = Math.max(0, Math.min(full.h - h, cy - h / 2));
  return { x, y, w, h };
}

/**
 * Draws the snapshot picture (or a plain ground) with the ear, shoulder and hip points, the
 * horizontal and the shoulder-ear line with the head-forward angle, and the vertical and the
 * hip-shoulder line with the trunk angle. Labels are sized for the canvas as shown on screen
 * (at least `minLabelPx` CSS pixels), so they stay readable on a phone; redraw when it resizes.
 */
export function drawAnnotations(
  canvas: HTMLCanvasElement,
  geometry: SnapshotGeometry,
  angles: { headForwardDeg: number | null; trunkExtensionDeg: number | null },
  picture: CanvasImageSource | null,
  options: AnnotationOptions = {},
): void {
  const { labels = true, crop = false, minLabelPx = 16 } = options;
  const p = picture ? ON_PHOTO : PLAIN;
  const box = viewBox(geometry, crop);
  canvas.width = Math.round(box.w);
  canvas.height = Math.round(box.h);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (picture) ctx.drawImage(picture, box.x, box.y, box.w, box.h, 0, 0, canvas.width, canvas.height);
  const at = (q: readonly [number, number] | null): Point | null => (q ? [q[0] - box.x, q[1] - box.y] : null);

  // Canvas pixels per CSS pixel as displayed (1 before layout).
  const shown = canvas.getBoundingClientRect().width;
  const perCss = shown > 0 ? canvas.width / shown : 1;
  const unit = Math.max(2 * perCss, Math.min(canvas.width, canvas.height) / 160);
  const labelSize = Math.max(5 * unit, minLabelPx * perCss);
  const ear = at(geometry.ear);
  const shoulder = at(geometry.shoulder);
  const hip = at(geometry.hip);
  const { facing } = geometry;

  if (shoulder && ear && angles.headForwardDeg !== null) {
    const len = Math.max(Math.hypot(ear[0] - shoulder[0], ear[1] - shoulder[1]) * 1.3, 12 * unit);
    line(ctx, shoulder, [shoulder[0] + facing * len, shoulder[1]], p.guide, unit, [3 * unit, 2 * unit]);
    line(ctx, shoulder, ear, p.line, unit * 1.4);
    const horizontal = facing === 1 ? 0 : Math.PI;
    const toEar = Math.atan2(ear[1] - shoulder[1], ear[0] - shoulder[0]);
    arc(ctx, p.line, shoulder, len * 0.35, horizontal, toEar, unit);
    if (labels) {
      ctx.textAlign = facing === 1 ? 'left' : 'right';
      text(ctx, p, `${angles.headForwardDeg.toFixed(0)}°`, [shoulder[0] + facing * len * 0.45, shoulder[1] - len * 0.12], labelSize);
    }
  }
  if (shoulder && hip && angles.trunkExtensionDeg !== null) {
    const len = Math.hypot(shoulder[0] - hip[0], shoulder[1] - hip[1]);
    line(ctx, hip, [hip[0], hip[1] - len], p.guide, unit, [3 * unit, 2 * unit]);
    line(ctx, hip, shoulder, p.line, unit * 1.4);
    const up = -Math.PI / 2;
    const toShoulder = Math.atan2(shoulder[1] - hip[1], shoulder[0] - hip[0]);
    arc(ctx, p.line, hip, len * 0.3, up, toShoulder, unit);
    if (labels) {
      // On the side away from the face, clear of the head-forward label.
      ctx.textAlign = facing === 1 ? 'right' : 'left';
      text(ctx, p, `${Math.round(angles.trunkExtensionDeg) === 0 ? 0 : angles.trunkExtensionDeg.toFixed(0)}°`, [hip[0] - facing * unit * 4, hip[1] - len * 0.45], labelSize);
    }
  }
  const r = 2.4 * unit;
  for (const [point, color, name] of [
    [ear, p.ear, 'ear'],
    [shoulder, p.shoulder, 'shoulder'],
    [hip, p.hip, 'hip'],
  ] as const) {
    if (!point) continue;
    ctx.fillStyle = color;
    ctx.strokeStyle = p.dotOutline;
    ctx.lineWidth = r / 2;
    ctx.beginPath();
    ctx.arc(point[0], point[1], r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    if (labels) {
      ctx.textAlign = facing === 1 ? 'right' : 'left';
      text(ctx, p, name, [point[0] - facing * r * 1.8, point[1] + labelSize * 0.35], labelSize * 0.8);
    }
  }
  ctx.textAlign = 'left';
}
