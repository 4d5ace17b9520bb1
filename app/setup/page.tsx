import type { Metadata } from 'next';
import { CameraPlacement } from '@/components/setup/camera-placement';
import { SetupCheck } from '@/components/setup/setup-check';

export const metadata: Metadata = { title: 'Check my setup · Posture tracker' };

export default function SetupPage() {
  return (
    <>
      <SetupCheck />
      <CameraPlacement headingLevel={2} />
    </>
  );
}
