// What the range check says for each test: how to stand or sit, and the next thing to do.
// One text for the screen and the voice.
import { measuresWanted, trialsOf } from './trials';
import type { RangeRunState } from './run';
import { TRIALS_PER_MEASURE, type RangeTestId } from './types';

export interface RangeTestGuide {
  readonly title: string;
  /** Where the camera sees the person from. */
  readonly view: 'side' | 'front';
  /** How to set up, before the test starts. */
  readonly setup: string;
  /** While the neutral is taken. */
  readonly neutral: string;
  /** Why the test is read from this view (said when the view is refused). */
  readonly why: string;
}

export const RANGE_GUIDES: Readonly<Record<RangeTestId, RangeTestGuide>> = {
  'head-position': {
    title: 'Head position',
    view: 'side',
    setup: 'Stand side-on to the camera, two to three metres away, arms relaxed, looking straight ahead.',
    neutral: 'Stand as you usually do and look straight ahead.',
    why: 'How far the head sits forward of the shoulders can only be seen from the side.',
  },
  'standing-extension': {
    title: 'Standing extension',
    view: 'side',
    setup: 'Stand side-on to the camera with your arms crossed on your chest.',
    neutral: 'Stand still in your relaxed posture, arms crossed on your chest.',
    why: 'Arching back is seen from the side: from the front the line from hip to shoulder shows leaning sideways, not back.',
  },
  'overhead-reach': {
    title: 'Overhead reach',
    view: 'side',
    setup: 'Stand side-on to the camera, arms by your sides.',
    neutral: 'Stand still, arms by your sides.',
    why: 'An arm raised forward and up is seen from the side; from the front it points at the camera.',
  },
  rotation: {
    title: 'Rotation',
    view: 'front',
    setup: 'Sit on a chair facing the camera, feet flat, knees forward and hip-width apart, arms crossed on your chest. The camera sees you from head to knees.',
    neutral: 'Sit still facing the camera, arms crossed on your chest.',
    why: 'Turning is seen facing the camera, as the shoulders narrow; the knees show that the hips stay still.',
  },
};

/** The next instruction for a test under way (screen and voice). */
export function promptOf(state: RangeRunState): string {
  const t = state.trials;
  if (t.done) return 'Done.';
  if (state.neutral === null) return RANGE_GUIDES[state.test].neutral;
  const n = (m: Parameters<typeof trialsOf>[1]) => `${Math.min(trialsOf(t, m), TRIALS_PER_MEASURE)} of ${TRIALS_PER_MEASURE}`;
  switch (state.test) {
    case 'head-position':
      return `Stand as you usually do, looking ahead, and keep still. Reading ${n('head-forward')}.`;
    case 'standing-extension':
      return `Arch back as far as is comfortable, then come back up. Trial ${Math.min(trialsOf(t, 'extension') + 1, TRIALS_PER_MEASURE)} of ${TRIALS_PER_MEASURE}.`;
    case 'overhead-reach':
      return `Raise both straight arms forward and up as high as you can, then lower them. Keep your back straight. Trial ${Math.min(trialsOf(t, 'reach') + 1, TRIALS_PER_MEASURE)} of ${TRIALS_PER_MEASURE}.`;
    case 'rotation': {
      const side = measuresWanted(t).includes('rotation-left') ? 'left' : 'right';
      return `Turn your shoulders to your ${side} as far as you can, hips and knees still, then come back. Left ${n('rotation-left')}, right ${n('rotation-right')}.`;
    }
  }
}
