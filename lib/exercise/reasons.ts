// Why a frame was not counted, in words: the same for the session page and `npm run analyze`.
import { POSITION_WORDS } from '../angles/orientation';
import { refusal, type RefusalCode } from '../angles/refusals';
import type { Exercise } from './types';

/** A sample's `reason` as a sentence a person can act on; null for none. */
export function reasonMessage(exercise: Exercise, reason: string | null | undefined): string | null {
  if (!reason) return null;
  if (reason === 'wrong-position' && exercise.position?.length) return refusal('wrong-position', exercise.position.map((p) => POSITION_WORDS[p])).message;
  return refusal(reason as RefusalCode).message ?? null;
}
