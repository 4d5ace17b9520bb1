// The conflict rule. Two devices that changed the same record while apart leave two revisions;
// every device picks the same outcome from them, whatever order they arrive in.
//
// - Records in general: the later edit wins, by the edit stamps of rules/clock.ts (a hybrid
//   logical clock: an edit made after another was seen always carries the larger stamp); on a
//   tie the larger device id, then the larger revision id. This is what the person did last, so
//   a setting changed on the laptop in the evening beats the phone's morning change, and a
//   deletion made after an edit beats the edit. A revision without a stamp (a deletion made by
//   another program, say) counts as the earliest.
// - Sessions: two devices may each add a set to the same session (sets of one exercise less than
//   30 minutes apart join one, named after its first set). A session keeps every set either side
//   listed, starts at the earliest start and ends at the latest end; other fields follow the
//   later edit. If the later edit deleted it, it stays deleted.
import { compareStamps, stampOf } from './clock';
import { canonical, type JsonObject, type RecordDoc } from './docs';

/** Later edit first (stamp: wall time, counter, device id), then the larger revision id. */
export function compareEdits(a: RecordDoc, b: RecordDoc): number {
  const byStamp = compareStamps(stampOf(b), stampOf(a));
  if (byStamp !== 0) return byStamp;
  const ra = a._rev ?? '';
  const rb = b._rev ?? '';
  return ra === rb ? 0 : ra < rb ? 1 : -1;
}

function mergeSessions(winner: JsonObject, live: readonly JsonObject[]): JsonObject {
  const setIds: string[] = [];
  for (const r of [winner, ...live]) {
    for (const id of Array.isArray(r.setIds) ? r.setIds : []) if (typeof id === 'string' && !setIds.includes(id)) setIds.push(id);
  }
  const starts = live.map((r) => r.startedAt).filter((v): v is number => typeof v === 'number');
  const ends = live.map((r) => r.endedAt).filter((v): v is number => typeof v === 'number');
  return {
    ...winner,
    setIds,
    ...(starts.length ? { startedAt: Math.min(...starts) } : {}),
    ...(ends.length ? { endedAt: Math.max(...ends) } : {}),
  };
}

export interface Resolution {
  /** The outcome's content (its `_rev` is the revision it is written on top of). */
  readonly doc: RecordDoc;
  /** Whether the outcome differs from the revision it is written on top of (a new revision is needed). */
  readonly changed: boolean;
  /** The other leaf revisions, to delete. */
  readonly losers: readonly string[];
}

/**
 * The outcome of conflicting revisions of one document. `current` is the revision the database
 * shows now (PouchDB's own pick); the outcome is written on top of it and the others deleted.
 */
export function resolveConflict(current: RecordDoc, others: readonly RecordDoc[]): Resolution {
  const all = [current, ...others];
  const ordered = [...all].sort(compareEdits);
  const winner = ordered[0];
  let record = winner._deleted ? null : winner.record;
  if (record && winner.table === 'sessions') {
    const live = ordered.filter((d) => !d._deleted && d.record).map((d) => d.record as JsonObject);
    record = mergeSessions(record, live);
  }
  const deleted = record === null;
  const stamp = stampOf(winner);
  const doc: RecordDoc = {
    _id: current._id,
    _rev: current._rev,
    ...(deleted ? { _deleted: true } : {}),
    table: winner.table ?? current.table,
    record,
    editedAtMs: stamp.wallMs,
    ...(stamp.counter ? { counter: stamp.counter } : {}),
    device: stamp.device,
  };
  const changed =
    deleted !== Boolean(current._deleted) ||
    canonical(record) !== canonical(current._deleted ? null : current.record) ||
    compareStamps(stamp, stampOf(current)) !== 0 ||
    (current.table ?? null) !== doc.table;
  // Deleted leaves stay as they are: deleting them again would only add revisions.
  const losers = others.filter((d) => !d._deleted).map((d) => d._rev).filter((r): r is string => typeof r === 'string' && r !== current._rev);
  return { doc, changed, losers };
}
