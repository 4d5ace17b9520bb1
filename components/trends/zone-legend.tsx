import type { CSSProperties } from 'react';
import { HEAD_FORWARD_ZONES } from '@/lib/angles/norms';
import { ZONE_FILL } from './zone-colours';

/** The head-forward zones shaded behind a chart, named (the same list under every such chart). */
export function HeadForwardZoneLegend() {
  return (
    <ul className="legend-zones" aria-label="Shaded zones">
      {[...HEAD_FORWARD_ZONES].reverse().map((z) => (
        <li key={z.band} style={{ '--swatch': ZONE_FILL[z.band] } as CSSProperties}>
          {z.label}
        </li>
      ))}
    </ul>
  );
}
