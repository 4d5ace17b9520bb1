'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { formatDeg, formatDeltaDeg } from '@/lib/angles/format';
import { HEAD_FORWARD_PROXY_CAVEAT, interpretHeadForward, interpretTrunkExtension } from '@/lib/angles/norms';
import { measurePosture, type PostureMeasurement } from '@/lib/angles/posture';
import { assessFrame, checklistKey, SNAPSHOT_NEED, type FrameAssessment } from '@/lib/angles/quality';
import { compareSnapshots, movementRefusal, summarizeSnapshot, type SnapshotResult } from '@/lib/angles/snapshot';
import type { Pose } from '@/lib/pose/types';
import { appDb, readOr } from '@/lib/storage/app-db';
import { newRecordId } from '@/lib/storage/ids';
import { StorageError } from '@/lib/storage/errors';
import type { SnapshotGeometry, SnapshotRecord } from '@/lib/storage/snapshot-record';
import { listSnapshots, referencesFor, saveSnapshot } from '@/lib/storage/snapshots';
import { DEFAULT_SETTINGS, loadSettings, saveSetting } from '@/lib/settings';
import { CameraControls } from '../camera/camera-controls';
import { usePoseCamera } from '../camera/use-pose-camera';
import { LiveStoreProvider, useLiveStore, useLiveStoreApi } from '../providers/live-store-provider';
import { drawPoseOverlay } from '../live/draw-skeleton';
import { Checklist } from '../quality/checklist';
import { drawSetupOverlay } from '../quality/draw-setup';
import { drawAnnotations } from './draw-annotations';
import { SnapshotHistory } from './snapshot-history';

/** Collect at least this long, and at least MIN_FRAMES frames, for one snapshot. */
const COLLECT_MS = 1000;
const MIN_FRAMES = 3;
/** Give up collecting after this long (a very slow engine or a stalled camera). */
const COLLECT_TIMEOUT_MS = 8000;
const COUNTDOWN_FROM = 3;

type Stage =
  | { readonly kind: 'setup' }
  | { readonly kind: 'countdown'; readonly n: number }
  | { readonly kind: 'collecting' }
  | { readonly kind: 'result'; readonly record: SnapshotRecord; readonly saved: 'saving' | 'saved' | StorageError };

interface Collected {
  readonly pose: Pose | null;
  readonly measurement: PostureMeasurement;
}

export interface SnapshotViewProps {
  /** Shown inside another page (the first-run walk-through): a smaller heading, no history. */
  readonly embedded?: boolean;
  /** A snapshot was measured and saved. */
  readonly onSaved?: (record: SnapshotRecord) => void;
}

export function SnapshotView(props: SnapshotViewProps) {
  return (
    <LiveStoreProvider>
      <SnapshotViewInner {...props} />
    </LiveStoreProvider>
  );
}

function geometryOf(m: PostureMeasurement, width: number, height: number): SnapshotGeometry {
  const pt = (p: readonly [number, number] | null) => (p ? ([p[0], p[1]] as const) : null);
  return { imageWidth: width, imageHeight: height, facing: m.facing, ear: pt(m.points.ear), shoulder: pt(m.points.shoulder), hip: pt(m.points.hip) };
}

function SnapshotViewInner({ embedded = false, onSaved }: SnapshotViewProps) {
  const store = useLiveStoreApi();
  const phase = useLiveStore((s) => s.phase);
  const mediaOn = useLiveStore((s) => s.mediaOn);
  const [assessment, setAssessment] = useState<FrameAssessment | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'setup' });
  const [keepPicture, setKeepPicture] = useState(false);
  const [history, setHistory] = useState<SnapshotRecord[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [pictureUrl, setPictureUrl] = useState<string | null>(null);

  const stageRef = useRef<Stage>(stage);
  stageRef.current = stage;
  const latestRef = useRef<PostureMeasurement | null>(null);
  const collectedRef = useRef<Collected[]>([]);
  const collectStartRef = useRef<number | null>(null);
  const resultCanvasRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const checksKeyRef = useRef('');
  const pictureRef = useRef<HTMLCanvasElement | null>(null);

  const refreshHistory = useCallback(async () => {
    try {
      setHistory(await readOr([], listSnapshots));
      setHistoryError(null);
    } catch (err) {
      setHistoryError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    void refreshHistory();
    void readOr(DEFAULT_SETTINGS, loadSettings)
      .catch(() => DEFAULT_SETTINGS)
      .then((settings) => setKeepPicture(settings.keepSnapshotPicture));
  }, [refreshHistory]);

  const persist = useCallback(
    async (record: SnapshotRecord) => {
      setStage({ kind: 'result', record, saved: 'saving' });
      try {
        await saveSnapshot(await appDb(), record);
        setStage({ kind: 'result', record, saved: 'saved' });
        onSaved?.(record);
        await refreshHistory();
      } catch (err) {
        setStage({ kind: 'result', record, saved: err instanceof StorageError ? err : new StorageError('failed', String(err)) });
      }
    },
    [refreshHistory, onSaved],
  );

  const finish = useCallback(
    (video: HTMLVideoElement) => {
      const collected = collectedRef.current;
      collectedRef.current = [];
      collectStartRef.current = null;
      const summary: SnapshotResult = summarizeSnapshot(
        collected.map((c) => c.measurement),
        movementRefusal(collected.map((c) => c.pose)),
      );
      const width = video.videoWidth;
      const height = video.videoHeight;
      const picture = document.createElement('canvas');
      picture.width = width;
      picture.height = height;
      picture.getContext('2d')?.drawImage(video, 0, 0, width, height);
      pictureRef.current = picture;
      // The picture is taken: the camera goes off until the person asks for another.
      camera.stop();
      const last = [...collected].reverse().find((c) => c.pose !== null)?.measurement ?? collected[collected.length - 1].measurement;
      const { engineKind: engine, model: variant } = store.getState();
      const base: Omit<SnapshotRecord, 'picture'> = {
        id: newRecordId(),
        takenAtMs: Date.now(),
        view: summary.view,
        side: summary.side,
        headForwardDeg: summary.headForwardDeg,
        headForwardOffset: summary.headForwardOffset,
        trunkExtensionDeg: summary.trunkExtensionDeg,
        headForwardSpreadDeg: summary.headForwardSpreadDeg,
        trunkExtensionSpreadDeg: summary.trunkExtensionSpreadDeg,
        frames: summary.frames,
        refusals: summary.refusals,
        engine,
        model: variant,
        geometry: geometryOf(last, width, height),
      };
      if (summary.headForwardDeg === null && summary.trunkExtensionDeg === null) {
        // Nothing measured: show why, save nothing.
        setStage({ kind: 'result', record: { ...base, picture: null }, saved: 'saved' });
        return;
      }
      if (!keepPicture) {
        void persist({ ...base, picture: null });
        return;
      }
      picture.toBlob((blob) => void persist({ ...base, picture: blob }), 'image/jpeg', 0.85);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [keepPicture, persist, store],
  );

  const camera = usePoseCamera({
    measures: () => SNAPSHOT_NEED.parts,
    onFrame: (pose, { video, timestampMs }) => {
      const measurement = measurePosture(pose, timestampMs);
      latestRef.current = measurement;
      const a = assessFrame(pose, SNAPSHOT_NEED);
      // The checklist re-renders when an item changes, not every frame.
      const key = checklistKey(a.checks);
      if (key !== checksKeyRef.current) {
        checksKeyRef.current = key;
        setAssessment(a);
      }
      const ctx = drawPoseOverlay(overlayRef.current, video, pose);
      if (ctx && stageRef.current.kind === 'setup') drawSetupOverlay(ctx, a);
      if (stageRef.current.kind !== 'collecting') return;
      collectStartRef.current ??= timestampMs;
      collectedRef.current.push({ pose, measurement });
      const elapsed = timestampMs - collectStartRef.current;
      if ((elapsed >= COLLECT_MS && collectedRef.current.length >= MIN_FRAMES) || elapsed >= COLLECT_TIMEOUT_MS) finish(video);
    },
    latestPosture: () => latestRef.current,
    // A snapshot is refused with someone else in view: look for them.
    lookForOthers: true,
    // Not during the 3-2-1 or while the frames are collected.
    canSwitchModel: () => stageRef.current.kind === 'setup',
  });

  // 3-2-1, then collect.
  useEffect(() => {
    if (stage.kind !== 'countdown') return;
    const t = window.setTimeout(() => {
      if (stage.n > 1) setStage({ kind: 'countdown', n: stage.n - 1 });
      else {
        collectedRef.current = [];
        collectStartRef.current = null;
        setStage({ kind: 'collecting' });
      }
    }, 1000);
    return () => window.clearTimeout(t);
  }, [stage]);

  // Draw the result picture with its annotations.
  // Draw the result picture with its annotations, again whenever its size on screen changes
  // (labels are sized for the screen, not the frame).
  useEffect(() => {
    const canvas = resultCanvasRef.current;
    if (stage.kind !== 'result' || !canvas) return;
    const draw = () => drawAnnotations(canvas, stage.record.geometry, stage.record, pictureRef.current);
    draw();
    let width = canvas.getBoundingClientRect().width;
    const observer = new ResizeObserver(() => {
      const w = canvas.getBoundingClientRect().width;
      if (Math.abs(w - width) < 1) return;
      width = w;
      draw();
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [stage]);

  useEffect(() => {
    if (stage.kind !== 'result' || !stage.record.picture) return setPictureUrl(null);
    const url = URL.createObjectURL(stage.record.picture);
    setPictureUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [stage]);

  // Stop collecting if the camera or engine stops.
  useEffect(() => {
    if (phase !== 'running' && (stage.kind === 'countdown' || stage.kind === 'collecting')) setStage({ kind: 'setup' });
  }, [phase, stage.kind]);

  const ready = phase === 'running' && assessment?.ok === true;

  const onKeepPicture = (keep: boolean) => {
    setKeepPicture(keep);
    void appDb().then((db) => saveSetting(db, 'keepSnapshotPicture', keep)).catch(() => {
      // The choice still applies to this visit.
    });
  };

  const again = () => {
    setStage({ kind: 'setup' });
    checksKeyRef.current = '';
    setAssessment(null);
    void camera.start();
  };

  const Heading = embedded ? 'h2' : 'h1';
  return (
    <section aria-labelledby="snapshot-title" className="snapshot">
      <Heading id="snapshot-title">{embedded ? 'Your first posture snapshot' : 'Posture snapshot'}</Heading>
      <ol className="lead guide">
        <li>Put the camera at about chest height, two to three metres away.</li>
        <li>Stand side-on, relaxed, in your usual posture, looking straight ahead.</li>
        <li>The camera must see your ear, shoulder and hip on the side facing it (ideally down to your feet).</li>
      </ol>
      {stage.kind === 'result' ? (
        <div className="controls">
          <button type="button" className="primary" onClick={again}>
            Take another snapshot
          </button>
        </div>
      ) : null}
      <CameraControls camera={camera} showStartStop={stage.kind !== 'result'} readyHint={stage.kind === 'result' ? 'The camera is off.' : 'Press Start camera when you are ready.'} />

      <div className="snapshot-layout">
        <div className="stage" data-phase={phase} hidden={!(phase === 'running' || phase === 'camera' || (phase === 'loading' && mediaOn))}>
          <video ref={camera.videoRef} className="stage-video" playsInline muted aria-label="Camera picture" />
          <canvas ref={overlayRef} className="stage-overlay" data-testid="skeleton" data-landmarks="0" aria-hidden="true" />
          {stage.kind === 'countdown' && (
            <div className="countdown" aria-hidden="true">
              {stage.n}
            </div>
          )}
        </div>

        <div className="snapshot-side">
          {phase === 'running' && stage.kind === 'setup' && (
            <div className="ready-check">
              <Checklist checks={assessment?.checks ?? []} label="Ready check" />
              <label className="checkbox">
                <input type="checkbox" checked={keepPicture} onChange={(e) => onKeepPicture(e.target.checked)} />
                <span>Keep the picture with the snapshot (stored only in this browser)</span>
              </label>
              <button type="button" className="primary big" disabled={!ready} onClick={() => setStage({ kind: 'countdown', n: COUNTDOWN_FROM })}>
                Take snapshot
              </button>
            </div>
          )}
          <div role="status" aria-live="assertive" className="status">
            {stage.kind === 'countdown' && `Hold still: ${stage.n}`}
            {stage.kind === 'collecting' && 'Measuring… hold still.'}
          </div>
        </div>
      </div>

      {stage.kind === 'result' && (
        <SnapshotResultPanel
          record={stage.record}
          saved={stage.saved}
          history={history ?? []}
          canvasRef={resultCanvasRef}
          pictureUrl={pictureUrl}
          onRetrySave={() => void persist(stage.record)}
        />
      )}

      {!embedded && <SnapshotHistory history={history} error={historyError} />}
      <p className="fine-print">Pictures and numbers stay in this browser. The pose engine can be changed in Settings.</p>
    </section>
  );
}

function SnapshotResultPanel({
  record,
  saved,
  history,
  canvasRef,
  pictureUrl,
  onRetrySave,
}: {
  record: SnapshotRecord;
  saved: 'saving' | 'saved' | StorageError;
  history: readonly SnapshotRecord[];
  canvasRef: React.RefObject<HTMLCanvasElement | null>;
  pictureUrl: string | null;
  onRetrySave: () => void;
}) {
  const { headForwardDeg, trunkExtensionDeg, refusals } = record;
  const nothing = headForwardDeg === null && trunkExtensionDeg === null;
  const refs = referencesFor(history, record.takenAtMs);
  const comparisons = [
    refs.first ? { label: 'your first snapshot', when: refs.first.takenAtMs, c: compareSnapshots(record, refs.first) } : null,
    refs.previous ? { label: 'your previous snapshot', when: refs.previous.takenAtMs, c: compareSnapshots(record, refs.previous) } : null,
  ].filter((x) => x !== null);
  const label = [
    headForwardDeg !== null ? `head-forward angle ${headForwardDeg.toFixed(0)} degrees` : null,
    trunkExtensionDeg !== null ? `trunk angle ${trunkExtensionDeg.toFixed(0)} degrees` : null,
  ]
    .filter(Boolean)
    .join(', ');

  if (nothing) {
    return (
      <div role="alert" className="problem" data-problem={refusals.headForward?.code ?? 'refused'}>
        <h2>No snapshot taken</h2>
        <p>{refusals.headForward?.message ?? refusals.trunkExtension?.message}</p>
        {/* Each angle's own reason when they differ (facing the camera: why each needs the side). */}
        {refusals.headForward && refusals.trunkExtension && refusals.trunkExtension.message !== refusals.headForward.message && <p>{refusals.trunkExtension.message}</p>}
      </div>
    );
  }
  return (
    <section className="result" aria-labelledby="result-title" data-testid="snapshot-result">
      <h2 id="result-title">Your snapshot</h2>
      <div className="result-layout">
        <canvas ref={canvasRef} className="result-picture" role="img" aria-label={`Annotated snapshot: ${label}`} data-testid="snapshot-picture" />
        <dl className="result-numbers">
          <div>
            <dt>Head-forward angle</dt>
            <dd data-testid="result-head-forward" data-value={headForwardDeg ?? ''} data-band={headForwardDeg === null ? '' : interpretHeadForward(headForwardDeg).band}>
              {headForwardDeg === null ? 'not measured' : `${formatDeg(headForwardDeg, 1)} ± ${(record.headForwardSpreadDeg ?? 0).toFixed(1)}°`}
            </dd>
            <dd className="note">{headForwardDeg === null ? refusals.headForward?.message : interpretHeadForward(headForwardDeg).text}</dd>
            {headForwardDeg !== null && <dd className="caveat">{HEAD_FORWARD_PROXY_CAVEAT}</dd>}
          </div>
          <div>
            <dt>Trunk angle</dt>
            <dd data-testid="result-trunk" data-value={trunkExtensionDeg ?? ''}>
              {trunkExtensionDeg === null ? 'not measured' : `${formatDeg(trunkExtensionDeg, 1)} ± ${(record.trunkExtensionSpreadDeg ?? 0).toFixed(1)}°`}
            </dd>
            <dd className="note">{trunkExtensionDeg === null ? refusals.trunkExtension?.message : interpretTrunkExtension(trunkExtensionDeg)}</dd>
          </div>
        </dl>
      </div>
      {comparisons.length > 0 && (
        <ul className="comparisons">
          {comparisons.map(({ label: what, when, c }) => (
            <li key={what}>
              Compared with {what} ({new Date(when).toLocaleDateString()}):{' '}
              {[
                c.headForward && `head-forward ${formatDeltaDeg(c.headForward.deltaDeg)}${c.headForward.withinNoise ? ` (within measurement noise of ±${c.headForward.noiseDeg.toFixed(1)}°)` : ''}`,
                c.trunkExtension && `trunk ${formatDeltaDeg(c.trunkExtension.deltaDeg)}${c.trunkExtension.withinNoise ? ` (within measurement noise of ±${c.trunkExtension.noiseDeg.toFixed(1)}°)` : ''}`,
              ]
                .filter(Boolean)
                .join('; ') || 'no angle measured in both'}
              .
            </li>
          ))}
        </ul>
      )}
      <p className="status" data-testid="save-status">
        {saved === 'saving' && 'Saving…'}
        {saved === 'saved' && 'Saved to this browser’s history.'}
      </p>
      {saved instanceof StorageError && (
        <div role="alert" className="problem" data-problem={`storage-${saved.code}`}>
          <p>{saved.message}</p>
          <button type="button" className="primary" onClick={onRetrySave}>
            Try saving again
          </button>
        </div>
      )}
      {pictureUrl && (
        <p>
          <a href={pictureUrl} download={`posture-snapshot-${new Date(record.takenAtMs).toISOString().slice(0, 10)}.jpg`}>
            Download the picture
          </a>
        </p>
      )}
    </section>
  );
}
