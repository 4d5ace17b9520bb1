// Why a frame was not counted, in words: the same for the session page and `npm run analyze`.
import { POSITION_WORDS } from '../angles/orientation';
import { refusal, type RefusalCode } from '../angles/refusals';
import type { Exercise } from './types';

const LANDMARK_REASONS: Readonly<Record<string, string>> = {
  'landmark-not-visible': 'The joints this exercise watches are not visible. Step back so all of you is in the picture.',
  'landmark-outside-frame': 'Part of you is outside the picture. Step back or move the camera so all of you is in view.',
};

/** A sample's `reason` as a sentence a person can act on; null for none. */
export function reasonMessage(exercise: Exercise, reason: string | null | undefined): string | null {
  if (!reason) return null;
  if (reason === 'wrong-position' && exercise.position?.length) return refusal('wrong-position', exercise.position.map((p) => POSITION_WORDS[p])).message;
  return LANDMARK_REASONS[reason] ?? refusal(reason as RefusalCode).message ?? null;
}
