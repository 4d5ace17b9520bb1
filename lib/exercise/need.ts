// What the camera must see for an exercise: the catalogue's `camera` field and its signal.
import type { FrameNeed } from '../angles/quality';
import type { Exercise } from './types';

const POSTURE_PARTS: Readonly<Record<'trunk-extension' | 'head-forward', readonly string[]>> = {
  'trunk-extension': ['near_shoulder', 'near_hip'],
  'head-forward': ['near_ear', 'near_shoulder'],
};

/**
 * The setup check an exercise runs before it counts. Posture angles need a true side view;
 * for a joint angle in the picture the view is advice: its thresholds leave room for the 5-15
 * deg a three-quarter view adds, and seen from the front a bending knee only looks straighter
 * (a rep is missed, never invented); `camera: 'front'` asks for the person facing the camera. Counting
 * follows the main person, so others in view do not block it. Trunk extension is measured
 * standing, feet flat, where the camera's tilt can be checked and matters most.
 */
export function needOf(exercise: Exercise): FrameNeed {
  const signal = exercise.signal;
  const parts = signal.type === 'joint-angle' ? [...signal.landmarks] : [...POSTURE_PARTS[signal.type]];
  const view = (exercise.camera ?? 'side') === 'front' ? 'front' : signal.type === 'joint-angle' ? 'side-or-oblique' : 'side';
  return {
    parts,
    view,
    viewAdvisory: signal.type === 'joint-angle',
    allowMultiplePeople: true,
    level: signal.type === 'trunk-extension',
    ...(exercise.position?.length ? { position: exercise.position } : {}),
  };
}
