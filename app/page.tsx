import { TodayView } from '@/components/today/today-view';

export default function HomePage() {
  return <TodayView />;
}
