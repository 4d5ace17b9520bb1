import type { Metadata } from 'next';
import { RoutineView } from '@/components/routine/routine-view';

export const metadata: Metadata = { title: 'Daily routine · Posture tracker' };

/** The daily routine: warm-up, the stage's exercise and mobility, guided by the camera (components/routine). */
export default function RoutinePage() {
  return <RoutineView />;
}
