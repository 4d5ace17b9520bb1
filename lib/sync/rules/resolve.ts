// The conflict rule. Two devices that changed the same record while apart leave two revisions;
// every device picks the same outcome from them, whatever order they arrive in.
//
// - Records in general: the later edit wins (`editedAtMs`, stamped on the device that made it);
//   on a tie the larger device id, then the larger revision id. This is what the person did
//   last, so a setting changed on the laptop in the evening beats the phone's morning change.
// - Sessions: two devices may each add a set to the same session (sets of one exercise less than
//   30 minutes apart join one, named after its first set). A session keeps every set either side
//   listed, starts at the earliest start and ends at the latest end; other fields follow the
//   later edit. If the later edit deleted it, it stays deleted.
import { canonical, type JsonObject, type RecordDoc } from './docs';

/** Later edit first; ties by device id, then revision id, both larger first. */
export function compareEdits(a: RecordDoc, b: RecordDoc): number {
  if (a.editedAtMs !== b.editedAtMs) return b.editedAtMs - a.editedAtMs;
  if (a.device !== b.device) return a.device < b.device ? 1 : -1;
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
  const doc: RecordDoc = {
    _id: current._id,
    _rev: current._rev,
    ...(deleted ? { _deleted: true } : {}),
    table: winner.table,
    record,
    editedAtMs: winner.editedAtMs,
    device: winner.device,
  };
  const changed =
    deleted !== Boolean(current._deleted) ||
    canonical(record) !== canonical(current._deleted ? null : current.record) ||
    winner.editedAtMs !== current.editedAtMs ||
    winner.device !== current.device;
  return { doc, changed, losers: others.map((d) => d._rev).filter((r): r is string => typeof r === 'string' && r !== current._rev) };
}
