// Published reference values. Head-forward: craniovertebral angle about 50 deg in people
// without neck pain, about 44 deg with chronic neck pain; forward head posture is usually
// defined as under 48-50 deg. Standing thoracic extension: about 9 +/- 4 deg.

export type HeadForwardBand = 'typical' | 'borderline' | 'forward';

export const HEAD_FORWARD_TYPICAL_DEG = 50;
export const HEAD_FORWARD_NECK_PAIN_DEG = 44;
/** The band drawn on charts: values usually seen without neck pain. */
export const HEAD_FORWARD_NORM_BAND_DEG = [48, 56] as const;

export const HEAD_FORWARD_PROXY_CAVEAT =
  'This is a camera estimate from the ear and shoulder points: a stand-in for the craniovertebral angle that clinicians measure from the C7 vertebra and the ear. Use it to follow your own trend, not as a diagnosis.';

export function interpretHeadForward(angleDeg: number): { band: HeadForwardBand; text: string } {
  if (angleDeg >= HEAD_FORWARD_TYPICAL_DEG) {
    return { band: 'typical', text: `About what is typical for people without neck pain (around ${HEAD_FORWARD_TYPICAL_DEG}° or more).` };
  }
  if (angleDeg > HEAD_FORWARD_NECK_PAIN_DEG) {
    return {
      band: 'borderline',
      text: `A little below the usual ${HEAD_FORWARD_TYPICAL_DEG}°: forward head posture is usually defined as under 48-50°.`,
    };
  }
  return {
    band: 'forward',
    text: `Head held forward: at or below the average of about ${HEAD_FORWARD_NECK_PAIN_DEG}° reported in people with chronic neck pain.`,
  };
}

export function interpretTrunkExtension(angleDeg: number): string {
  const lean = angleDeg >= 0 ? `${angleDeg.toFixed(1)}° back` : `${Math.abs(angleDeg).toFixed(1)}° forward`;
  return `Trunk leaning ${lean} from vertical. Standing extension is small (about 9 ± 4° in studies), so progress is measured against your own neutral stance.`;
}
