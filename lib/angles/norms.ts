// Published reference values, in one place: the snapshot, the trends charts and the README all
// use these. Head-forward: the craniovertebral angle (CVA) averages about 50 deg in people
// without neck pain and about 44 deg in people with chronic neck pain; forward head posture is
// usually defined as a CVA under 48-50 deg (DESIGN.md "Measurements"). Standing
// thoracic extension is small: about 9 +/- 4 deg.

export type HeadForwardBand = 'upright' | 'slightly-forward' | 'forward';

/** Average CVA without neck pain. */
export const HEAD_FORWARD_TYPICAL_DEG = 50;
/** Average CVA with chronic neck pain. */
export const HEAD_FORWARD_NECK_PAIN_DEG = 44;

export interface HeadForwardZone {
  readonly band: HeadForwardBand;
  /** Lower edge, inclusive (null: open). */
  readonly fromDeg: number | null;
  /** Upper edge, exclusive (null: open). */
  readonly toDeg: number | null;
  /** A short name for charts and tables. */
  readonly label: string;
}

/**
 * Zones of the head-forward angle, most forward first: under 44 (the neck-pain average or
 * lower), 44-50 (forward of the usual), 50 and over (what people without neck pain show).
 */
export const HEAD_FORWARD_ZONES: readonly HeadForwardZone[] = [
  { band: 'forward', fromDeg: null, toDeg: HEAD_FORWARD_NECK_PAIN_DEG, label: `under ${HEAD_FORWARD_NECK_PAIN_DEG}°: head forward` },
  { band: 'slightly-forward', fromDeg: HEAD_FORWARD_NECK_PAIN_DEG, toDeg: HEAD_FORWARD_TYPICAL_DEG, label: `${HEAD_FORWARD_NECK_PAIN_DEG}-${HEAD_FORWARD_TYPICAL_DEG}°: a little forward` },
  { band: 'upright', fromDeg: HEAD_FORWARD_TYPICAL_DEG, toDeg: null, label: `${HEAD_FORWARD_TYPICAL_DEG}° or more: usual without neck pain` },
];

export function headForwardZone(angleDeg: number): HeadForwardZone {
  return HEAD_FORWARD_ZONES.find((z) => (z.fromDeg === null || angleDeg >= z.fromDeg) && (z.toDeg === null || angleDeg < z.toDeg))!;
}

export const HEAD_FORWARD_PROXY_CAVEAT =
  'This is a camera estimate from the ear and shoulder points: a stand-in for the craniovertebral angle that clinicians measure from the C7 vertebra and the ear. Use it to follow your own trend, not as a diagnosis.';

/** What a head-forward angle means for the person, in plain words. Larger is more upright. */
export function interpretHeadForward(angleDeg: number): { band: HeadForwardBand; text: string } {
  const { band } = headForwardZone(angleDeg);
  switch (band) {
    case 'upright':
      return {
        band,
        text: `Your head sits over your shoulders: ${HEAD_FORWARD_TYPICAL_DEG}° or more is what people without neck pain show (about ${HEAD_FORWARD_TYPICAL_DEG}° on average). Higher means more upright.`,
      };
    case 'slightly-forward':
      return {
        band,
        text: `Your head is a little forward of your shoulders: people without neck pain show about ${HEAD_FORWARD_TYPICAL_DEG}°, and forward head posture usually means under 48-50°. The exercises aim to raise this number over the weeks.`,
      };
    case 'forward':
      return {
        band,
        text: `Your head is held forward of your shoulders: at or below the average of about ${HEAD_FORWARD_NECK_PAIN_DEG}° in people with chronic neck pain (${HEAD_FORWARD_TYPICAL_DEG}° without). The exercises aim to raise this number over the weeks.`,
      };
  }
}

/** Average standing thoracic extension range, and its spread (degrees). */
export const STANDING_EXTENSION_DEG = { mean: 9, sd: 4 } as const;
/**
 * Within this of vertical the trunk counts as upright: about the 3 deg noise floor of the
 * measurement plus the 2-3 deg a person standing still sways.
 */
export const UPRIGHT_TRUNK_DEG = 5;

/** What a trunk angle (from vertical, positive with the shoulders behind the hips) means for the person. */
export function interpretTrunkExtension(angleDeg: number): string {
  const abs = Math.abs(angleDeg).toFixed(1);
  const stance =
    Math.abs(angleDeg) <= UPRIGHT_TRUNK_DEG
      ? `Your shoulders are about over your hips (${angleDeg >= 0 ? `${abs}° back` : `${abs}° forward`}): an upright stance.`
      : angleDeg > 0
        ? `Your shoulders are ${abs}° back from your hips: you lean back a little as you stand.`
        : `Your shoulders are ${abs}° forward of your hips: you lean or slump forward as you stand.`;
  return `${stance} The wall holds measure how far you can arch back from this relaxed stance; standing extension is small (about ${STANDING_EXTENSION_DEG.mean} ± ${STANDING_EXTENSION_DEG.sd}° in studies), so every degree you gain counts.`;
}
