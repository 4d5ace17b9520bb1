import type { Metadata } from 'next';
import { RoutineView } from '@/components/routine/routine-view';
import { PROGRAMME_HINT_SCRIPT } from '@/components/today/programme-hint';

export const metadata: Metadata = { title: 'Daily routine · Posture tracker' };

/** The daily routine: warm-up, the stage's exercise and mobility, guided by the camera (components/routine). */
export default function RoutinePage() {
  return (
    <>
      {/* Before the routine is drawn: whether this device has a programme (components/today/programme-hint.ts). */}
      <script dangerouslySetInnerHTML={{ __html: PROGRAMME_HINT_SCRIPT }} />
      <RoutineView />
    </>
  );
}
