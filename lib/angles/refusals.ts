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

/** Each refusal in two or three words, big enough to read across the room (the message says the rest). */
export const REFUSAL_CUES: Record<RefusalCode, string> = {
  'no-person': 'Nobody in view',
  'multiple-people': 'One person only',
  'ears-not-visible': 'Ear not seen',
  'shoulders-not-visible': 'Shoulder not seen',
  'hips-not-visible': 'Hips not seen',
  'cut-off': 'Step back',
  'not-side-view': 'Turn side-on',
  'not-front-view': 'Face the camera',
  'parts-not-visible': 'Step back',
  'wrong-position': 'Get into position',
  'moving': 'Hold still',
  'hips-turned': 'Keep hips still',
};

/**
 * Why a measure needs the view it needs, said before what to do about it. A sagittal measure
 * (head-forward, trunk extension) is a tilt forward or back: seen from the front that tilt
 * points at the camera and cannot be seen, and what the picture shows instead is sideways lean.
 */
export const VIEW_REASONS = {
  'head-forward': 'The head-forward angle is read from the side: seen from the front, the ear sits above the shoulder however far the head juts forward.',
  'trunk-extension': 'Trunk extension is read from the side: seen from the front, the line from hip to shoulder shows leaning sideways, not back.',
  posture: 'Posture is read from the side: seen from the front, the ear sits above the shoulder however far the head juts forward, and the line from hip to shoulder shows leaning sideways, not back.',
  'joint-angle': "This exercise's angle is read from the side or three-quarter: seen from the front, the joint bends towards the camera and its angle is hidden.",
  'joint-angle-side': "This exercise's angle is read from the side: turned even three-quarter, the joint bends partly towards the camera and its angle reads wrong.",
  'front-angle': "This exercise's angle is read facing the camera: seen from the side, your left and right overlap.",
} as const;
export type ViewReason = keyof typeof VIEW_REASONS;

/** What to do when the view is wrong, by the view needed. */
const VIEW_ACTIONS = {
  side: 'Turn sideways, so one shoulder points at the camera.',
  'side-or-oblique': 'Turn sideways (at least three-quarter), so one shoulder points towards the camera.',
  front: 'Face the camera.',
} as const;

/**
 * The view refusal for a measure: why it needs that view, then what to do. Without a reason,
 * the plain 'not-side-view' or 'not-front-view' message.
 */
export function viewRefusal(need: keyof typeof VIEW_ACTIONS, reason?: ViewReason): Refusal {
  const code = need === 'front' ? 'not-front-view' : 'not-side-view';
  if (!reason) return refusal(code);
  return { code, message: `${VIEW_REASONS[reason]} ${VIEW_ACTIONS[need]}` };
}

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
