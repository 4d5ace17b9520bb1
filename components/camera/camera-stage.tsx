'use client';

import type { RefObject } from 'react';
import { CameraControls } from './camera-controls';
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

/**
 * Under a focus view's panel: what is wrong with the camera or the model (CameraControls), and a
 * Start camera button whenever the camera is off and nothing is loading or failed.
 */
export function FocusCameraProblems({ camera }: { camera: PoseCameraHandle }) {
  const phase = useLiveStore((s) => s.phase);
  const mediaOn = useLiveStore((s) => s.mediaOn);
  return (
    <>
      <CameraControls camera={camera} showStartStop={false} readyHint="" />
      {!mediaOn && phase !== 'camera' && phase !== 'error' && (
        <button type="button" className="primary big" style={{ alignSelf: 'flex-start' }} onClick={() => void camera.start()}>
          Start camera
        </button>
      )}
    </>
  );
}
