import type { Metadata } from 'next';
import { ClinicianView } from '@/components/clinician/clinician-view';

export const metadata: Metadata = { title: 'Clinician view · Posture tracker' };

export default function ClinicianPage() {
  return <ClinicianView />;
}
