'use client';

import { useRef, useState } from 'react';
import { assessFrame, checklistKey, SNAPSHOT_NEED, type FrameAssessment } from '@/lib/angles/quality';
import { CameraControls } from '../camera/camera-controls';
import { usePoseCamera } from '../camera/use-pose-camera';
import { drawPoseOverlay } from '../live/draw-skeleton';
import { LiveStoreProvider, useLiveStore } from '../providers/live-store-provider';
import { Checklist } from '../quality/checklist';
import { drawSetupOverlay } from '../quality/draw-setup';

export interface SetupCheckProps {
  /** The check passed or stopped passing. */
  readonly onVerdict?: (ok: boolean) => void;
  readonly headingLevel?: 1 | 2;
}

/**
 * "Check my setup": the camera picture with its edges marked, and the same checklist a set
 * and a snapshot run (ear, shoulder and hip in the picture, side-on, only you, camera upright).
 */
export function SetupCheck(props: SetupCheckProps) {
  return (
    <LiveStoreProvider>
      <SetupCheckInner {...props} />
    </LiveStoreProvider>
  );
}

function SetupCheckInner({ onVerdict, headingLevel = 1 }: SetupCheckProps) {
  const phase = useLiveStore((s) => s.phase);
  const mediaOn = useLiveStore((s) => s.mediaOn);
  const [assessment, setAssessment] = useState<FrameAssessment | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const keyRef = useRef('');
  const okRef = useRef<boolean | null>(null);
  const camera = usePoseCamera({
    onFrame: (pose, { video }) => {
      const a = assessFrame(pose, SNAPSHOT_NEED);
      const key = checklistKey(a.checks);
      if (key !== keyRef.current) {
        keyRef.current = key;
        setAssessment(a);
      }
      if (a.ok !== okRef.current) {
        okRef.current = a.ok;
        onVerdict?.(a.ok);
      }
      const ctx = drawPoseOverlay(canvasRef.current, video, pose);
      if (ctx) drawSetupOverlay(ctx, a);
    },
    // "Only you in view" is one of the checks: look for others.
    lookForOthers: true,
    // Ear, shoulder and hip: no leg angle, so the automatic model may step down to lite here.
    measures: () => SNAPSHOT_NEED.parts,
  });
  const live = phase === 'running' || phase === 'camera' || (phase === 'loading' && mediaOn);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';

  return (
    <section aria-labelledby="setup-title" className="setup-check">
      <Heading id="setup-title">Check your setup</Heading>
      <p className="lead">
        Start the camera and step into place. The dashed frame marks the edges of the picture: it turns red where part of you is cut off.
        When every line below has a tick, you are set up for snapshots and sets.
      </p>
      <CameraControls camera={camera} readyHint="Press Start camera, then stand where you will exercise." />
      <div className="snapshot-layout">
        <div className="stage" hidden={!live}>
          <video ref={camera.videoRef} className="stage-video" playsInline muted aria-label="Camera picture" />
          <canvas ref={canvasRef} className="stage-overlay" data-testid="skeleton" data-landmarks="0" aria-hidden="true" />
        </div>
        <div>
          {phase === 'running' && (
            <>
              <Checklist checks={assessment?.checks ?? []} label="Setup check" />
              <p role="status" className={assessment?.ok ? 'notice' : 'status'} data-testid="setup-verdict">
                {assessment === null ? 'Looking for you…' : assessment.ok ? 'All set: the camera can measure you from here.' : `Not yet: ${assessment.issues[0]?.message ?? ''}`}
              </p>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
