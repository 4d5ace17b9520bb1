'use client';

import { formatDeg } from '@/lib/angles/format';
import { HEAD_FORWARD_PROXY_CAVEAT } from '@/lib/angles/norms';
import type { View } from '@/lib/angles/posture';
import { useLiveStore } from '../providers/live-store-provider';

const VIEW_LABELS: Record<View, string> = { side: 'Side-on', oblique: 'Turned partly towards the camera', front: 'Facing the camera' };

/** Both posture angles and the view/quality state, refreshed a few times a second. */
export function PostureReadout() {
  const posture = useLiveStore((s) => s.posture);
  if (!posture) return null;
  const { headForwardDeg, trunkExtensionDeg, refusals, view, side } = posture;
  const noPerson = refusals.headForward?.code === 'no-person';
  return (
    <section className="readout" aria-label="Posture angles" aria-live="off">
      <dl>
        <div>
          <dt>Head-forward angle</dt>
          <dd data-testid="live-head-forward" data-refusal={refusals.headForward?.code ?? ''}>
            {formatDeg(headForwardDeg)}
          </dd>
          {refusals.headForward && <dd className="why">{refusals.headForward.message}</dd>}
        </div>
        <div>
          <dt>Trunk angle (back from vertical)</dt>
          <dd data-testid="live-trunk" data-refusal={refusals.trunkExtension?.code ?? ''}>
            {formatDeg(trunkExtensionDeg)}
          </dd>
          {refusals.trunkExtension && refusals.trunkExtension !== refusals.headForward && (
            <dd className="why">{refusals.trunkExtension.message}</dd>
          )}
        </div>
        <div>
          <dt>View</dt>
          <dd data-testid="live-view">
            {noPerson ? 'Nobody in view' : `${VIEW_LABELS[view.view]} (${Math.round(view.confidence * 100)}% sure), ${side} side to the camera`}
          </dd>
        </div>
      </dl>
      <p className="fine-print">{HEAD_FORWARD_PROXY_CAVEAT}</p>
    </section>
  );
}
