import type { Metadata } from 'next';
import { OwnReport } from '@/components/report/own-report';

export const metadata: Metadata = { title: 'Report · Posture tracker' };

export default function ReportPage() {
  return <OwnReport />;
}
