'use client';

import type { RefObject } from 'react';
import type { PoseCameraHandle } from './use-pose-camera';
import { useLiveStore } from '../providers/live-store-provider';

/** The camera picture with the skeleton drawn over it, as the focus views show it. */
export function CameraStage({ camera, overlayRef }: { camera: PoseCameraHandle; overlayRef: RefObject<HTMLCanvasElement | null> }) {
  const phase = useLiveStore((s) => s.phase);
  return (
    <div className="stage" data-phase={phase}>
      <video ref={camera.videoRef} className="stage-video" playsInline muted aria-label="Camera picture" />
      <canvas ref={overlayRef} className="stage-overlay" data-testid="skeleton" data-landmarks="0" aria-hidden="true" />
    </div>
  );
}
