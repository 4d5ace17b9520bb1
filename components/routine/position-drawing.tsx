// A small line drawing of a step's body position (lib/routine/drills.ts PositionPicture): enough
// to recognise "on hands and knees, side-on" from across the room. Decorative: the position is
// also said in words beside it.
import type { PositionPicture } from '@/lib/routine/drills';

type Pt = readonly [number, number];
interface Figure {
  readonly head: Pt;
  readonly lines: readonly (readonly Pt[])[];
  /** A prop: roller or ball (circle), bench (rectangle). */
  readonly circle?: readonly [number, number, number];
  readonly rect?: readonly [number, number, number, number];
  /** The moving limb, drawn dashed. */
  readonly moving?: readonly Pt[];
}

const FIGURES: Readonly<Record<PositionPicture, Figure>> = {
  'standing-side': { head: [60, 12], lines: [[[60, 18], [60, 44]], [[60, 44], [58, 70]], [[60, 44], [63, 70]], [[60, 23], [63, 43]]] },
  'standing-front': {
    head: [60, 11],
    lines: [[[48, 22], [72, 22]], [[60, 17], [60, 44]], [[53, 44], [67, 44]], [[53, 44], [51, 70]], [[67, 44], [69, 70]]],
    moving: [[30, 22], [48, 22], [72, 22], [90, 22]],
  },
  'all-fours-side': { head: [88, 34], lines: [[[38, 42], [80, 42]], [[38, 42], [40, 70]], [[40, 70], [18, 70]], [[80, 42], [80, 70]], [[80, 42], [85, 37]]] },
  'forearms-side': {
    head: [86, 46],
    lines: [[[38, 42], [76, 52]], [[38, 42], [40, 70]], [[40, 70], [18, 70]], [[76, 52], [76, 70]], [[76, 70], [96, 70]]],
    moving: [[76, 52], [80, 34], [88, 40]],
  },
  'reverse-table-side': {
    head: [30, 34],
    lines: [[[36, 42], [64, 44]], [[36, 42], [28, 70]], [[64, 44], [82, 40]], [[82, 40], [88, 70]]],
    moving: [[38, 42], [54, 20]],
  },
  'on-roller': {
    head: [30, 52],
    lines: [[[38, 56], [74, 66]], [[74, 66], [88, 46]], [[88, 46], [100, 70]], [[38, 56], [32, 46]], [[32, 46], [27, 50]]],
    circle: [46, 64, 6],
  },
  'prone-ball-side': { head: [28, 50], lines: [[[36, 52], [60, 40]], [[60, 40], [98, 38]], [[36, 52], [32, 70]]], circle: [60, 56, 14] },
  'supine-bench-side': {
    head: [36, 46],
    lines: [[[44, 48], [72, 50]], [[72, 50], [84, 40]], [[84, 40], [90, 70]], [[48, 48], [50, 28]]],
    rect: [38, 52, 34, 6],
    moving: [[50, 28], [30, 30]],
  },
  'supine-side': { head: [20, 64], lines: [[[28, 66], [60, 56]], [[60, 56], [78, 44]], [[78, 44], [88, 70]], [[30, 66], [44, 70]]] },
};

const path = (pts: readonly Pt[]) => pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${y}`).join(' ');

export function PositionDrawing({ picture, className }: { picture: PositionPicture; className?: string }) {
  const f = FIGURES[picture];
  return (
    <svg className={className} viewBox="0 0 120 80" aria-hidden="true" focusable="false" data-picture={picture}>
      <line x1="4" y1="71" x2="116" y2="71" stroke="currentColor" strokeOpacity="0.45" strokeWidth="2" />
      {f.circle && <circle cx={f.circle[0]} cy={f.circle[1]} r={f.circle[2]} fill="none" stroke="currentColor" strokeOpacity="0.6" strokeWidth="2.5" />}
      {f.rect && <rect x={f.rect[0]} y={f.rect[1]} width={f.rect[2]} height={f.rect[3]} fill="currentColor" fillOpacity="0.35" />}
      <g fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round">
        {f.lines.map((l, i) => (
          <path key={i} d={path(l)} />
        ))}
        {f.moving && <path d={path(f.moving)} strokeDasharray="4 5" strokeWidth="3" strokeOpacity="0.8" />}
      </g>
      <circle cx={f.head[0]} cy={f.head[1]} r="6" fill="currentColor" />
    </svg>
  );
}
