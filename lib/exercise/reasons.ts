// Why a frame was not counted, in words: the same for the session page and `npm run analyze`.
import { POSITION_WORDS } from '../angles/orientation';
import { refusal, viewRefusal, type RefusalCode } from '../angles/refusals';
import { needOf } from './need';
import type { Exercise } from './types';

/** A sample's `reason` as a sentence a person can act on; null for none. */
export function reasonMessage(exercise: Exercise, reason: string | null | undefined): string | null {
  if (!reason) return null;
  if (reason === 'wrong-position' && exercise.position?.length) return refusal('wrong-position', exercise.position.map((p) => POSITION_WORDS[p])).message;
  if (reason === 'not-side-view' || reason === 'not-front-view') {
    // The exercise's own view, and why it needs it.
    const need = needOf(exercise);
    if (need.view !== 'any') return viewRefusal(need.view, need.viewReason).message;
  }
  return refusal(reason as RefusalCode).message ?? null;
}
