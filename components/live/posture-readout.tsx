'use client';

import { formatDeg } from '@/lib/angles/format';
import { HEAD_FORWARD_PROXY_CAVEAT } from '@/lib/angles/norms';
import type { View } from '@/lib/angles/posture';
import { REFUSAL_CUES, type Refusal } from '@/lib/angles/refusals';
import { useLiveStore } from '../providers/live-store-provider';
import styles from './posture-readout.module.css';

const VIEW_LABELS: Record<View, string> = { side: 'Side-on', oblique: 'Turned partly towards the camera', front: 'Facing the camera' };

/**
 * One angle: its value in type read across the room, or, refused, what to do in two or three
 * words as large, and why underneath. Both posture angles are side-on measures: facing the
 * camera, each says why it is read from the side.
 */
function Angle({ label, testId, value, refused, repeatsReason }: { label: string; testId: string; value: number | null; refused: Refusal | null; repeatsReason: boolean }) {
  return (
    <div>
      <dt className={styles.label}>{label}</dt>
      <dd className={styles.value} data-testid={testId} data-refusal={refused?.code ?? ''}>
        {formatDeg(value)}
      </dd>
      {refused && <dd className={`why ${styles.cue}`}>{REFUSAL_CUES[refused.code]}</dd>}
      {refused && !repeatsReason && <dd className={`why ${styles.reason}`}>{refused.message}</dd>}
    </div>
  );
}

/** Both posture angles and the view/quality state, refreshed a few times a second. */
export function PostureReadout() {
  const posture = useLiveStore((s) => s.posture);
  if (!posture) return null;
  const { headForwardDeg, trunkExtensionDeg, refusals, view, side } = posture;
  const noPerson = refusals.headForward?.code === 'no-person';
  return (
    <section className={`readout ${styles.panel}`} aria-label="Posture angles" aria-live="off">
      <dl>
        <Angle label="Head-forward angle" testId="live-head-forward" value={headForwardDeg} refused={refusals.headForward} repeatsReason={false} />
        <Angle
          label="Trunk angle (back from vertical)"
          testId="live-trunk"
          value={trunkExtensionDeg}
          refused={refusals.trunkExtension}
          repeatsReason={refusals.trunkExtension?.message === refusals.headForward?.message}
        />
        <div>
          <dt className={styles.label}>View</dt>
          <dd className={styles.view} data-testid="live-view">
            {noPerson ? 'Nobody in view' : `${VIEW_LABELS[view.view]} (${Math.round(view.confidence * 100)}% sure), ${side} side to the camera`}
          </dd>
        </div>
      </dl>
      <p className="fine-print">{HEAD_FORWARD_PROXY_CAVEAT}</p>
    </section>
  );
}
