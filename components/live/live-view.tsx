'use client';

import { SNAPSHOT_NEED } from '@/lib/angles/quality';
import { useRef } from 'react';
import { measurePosture, type PostureMeasurement } from '@/lib/angles/posture';
import { CameraControls, ENGINE_LABELS } from '../camera/camera-controls';
import { usePoseCamera } from '../camera/use-pose-camera';
import { LiveStoreProvider, useLiveStore } from '../providers/live-store-provider';
import { drawPoseOverlay } from './draw-skeleton';
import { PostureReadout } from './posture-readout';

export function LiveView() {
  return (
    <LiveStoreProvider>
      <LiveViewInner />
    </LiveStoreProvider>
  );
}

function LiveViewInner() {
  const phase = useLiveStore((s) => s.phase);
  const mediaOn = useLiveStore((s) => s.mediaOn);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const postureRef = useRef<PostureMeasurement | null>(null);
  const camera = usePoseCamera({
    // The live readout reads the head-forward and trunk angles: ear, shoulder and hip.
    measures: () => SNAPSHOT_NEED.parts,
    onFrame: (pose, { video, timestampMs }) => {
      if (!drawPoseOverlay(canvasRef.current, video, pose)) return;
      // Live display follows the main person even when others are in view.
      postureRef.current = measurePosture(pose, timestampMs, { allowMultiplePeople: true });
    },
    latestPosture: () => postureRef.current,
    // The readout says how many people are in view: look beside the main one too.
    lookForOthers: true,
  });
  const live = phase === 'running' || (phase === 'loading' && mediaOn);

  return (
    <section className="live" aria-labelledby="live-title">
      <h1 id="live-title">Live view</h1>
      <p className="lead">
        Stand side-on to the camera, about two to three metres away, so your whole body from ear to ankle is in the
        picture. Video is processed on this device and never uploaded.
      </p>
      <CameraControls camera={camera} />
      <div className="stage" data-phase={phase}>
        <video ref={camera.videoRef} className="stage-video" playsInline muted aria-label="Camera picture" hidden={!live} />
        <canvas ref={canvasRef} className="stage-overlay" data-testid="skeleton" data-landmarks="0" aria-hidden="true" hidden={!live} />
        {phase === 'running' && <Hud />}
      </div>
      {phase === 'running' && <PostureReadout />}
    </section>
  );
}

function Hud() {
  const stats = useLiveStore((s) => s.stats);
  const info = useLiveStore((s) => s.engineInfo);
  const person =
    stats.peopleCount === 0 ? 'No person in view' : stats.peopleCount === 1 ? 'Person found' : `${stats.peopleCount} people in view: following the nearest`;
  return (
    <dl className="hud" aria-label="Tracking status">
      <div>
        <dt>Speed</dt>
        <dd data-testid="hud-fps">{stats.fps.toFixed(1)} fps</dd>
      </div>
      <div>
        <dt>Inference</dt>
        <dd data-testid="hud-ms">{stats.inferenceMs.toFixed(0)} ms</dd>
      </div>
      <div>
        <dt>Tracking</dt>
        <dd data-testid="hud-person">{person}</dd>
      </div>
      {info && (
        <div>
          <dt>Engine</dt>
          <dd data-testid="hud-engine">
            {ENGINE_LABELS[info.kind]} {info.model}
          </dd>
        </div>
      )}
      {info?.fallbackReason && (
        <div>
          <dt>Note</dt>
          <dd>{info.fallbackReason}</dd>
        </div>
      )}
    </dl>
  );
}
