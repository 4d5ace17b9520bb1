export type RefusalCode =
  | 'no-person'
  | 'multiple-people'
  | 'ears-not-visible'
  | 'shoulders-not-visible'
  | 'hips-not-visible'
  | 'cut-off'
  | 'not-side-view'
  | 'not-front-view'
  | 'parts-not-visible'
  | 'wrong-position'
  | 'moving'
  | 'hips-turned';

/** Why a measurement was not taken, in words a person can act on. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
}

const MESSAGES: Record<RefusalCode, string> = {
  'no-person': 'No one is in view. Stand side-on to the camera, two to three metres away.',
  'multiple-people': 'More than one person is in view. Measure with only one person in the picture.',
  'ears-not-visible': 'Your ear is not visible. Turn side-on, and move hair, a hood or headphones away from the ear nearest the camera.',
  'shoulders-not-visible': 'Your shoulder is not visible. Make sure your upper body is in the picture and not hidden behind an arm or furniture.',
  'hips-not-visible': 'Your hips are not visible. Step back or tilt the camera down so it sees you at least from head to hips.',
  'cut-off': 'Part of you is outside the picture. Step back or tilt the camera so all of you is in view.',
  'not-side-view': 'You seem to be facing the camera. Turn sideways, so one shoulder points at the camera.',
  'not-front-view': 'You seem to be side-on. Face the camera for this exercise.',
  'parts-not-visible': 'Part of your body that this exercise watches is not visible. Step back so all of you is in the picture.',
  'wrong-position': 'You are not in the position this exercise is done in.',
  'moving': 'You moved during the measurement. Stand still in your usual posture for a few seconds and try again.',
  'hips-turned': 'Your hips turned with your shoulders, so that turn did not count. Keep your hips and knees facing the camera and turn only your upper body.',
};

export function refusal(code: RefusalCode, parts?: readonly string[]): Refusal {
  if (code === 'cut-off' && parts?.length) {
    return { code, message: `Part of you is outside the picture (your ${parts.join(' and ')}). Step back or tilt the camera so all of you is in view.` };
  }
  if (code === 'wrong-position' && parts?.length) {
    return { code, message: `This exercise is counted ${parts.join(' or ')}. Get into position, side-on to the camera.` };
  }
  if (code === 'parts-not-visible' && parts?.length) {
    return { code, message: `Your ${parts.join(' and ')} ${parts.length > 1 ? 'are' : 'is'} not visible. Step back or move the camera until it sees ${parts.length > 1 ? 'them' : 'it'}.` };
  }
  return { code, message: MESSAGES[code] };
}
