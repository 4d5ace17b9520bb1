import { PROGRAMME_HINT_SCRIPT } from '@/components/today/programme-hint';
import { TodayView } from '@/components/today/today-view';

export default function HomePage() {
  return (
    <>
      {/* Before Today is drawn: whether this device has a programme, so the first paint shows the loading line rather than the first-run guide (components/today/programme-hint.ts). */}
      <script dangerouslySetInnerHTML={{ __html: PROGRAMME_HINT_SCRIPT }} />
      <TodayView />
    </>
  );
}
