/** Colours of the head-forward zones, most forward first (the chart and its legend). */
export const ZONE_FILL = { forward: '#fecaca', 'slightly-forward': '#fde68a', upright: '#bbf7d0' } as const;
