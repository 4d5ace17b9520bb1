import type { PostureDb } from './db';
import { toStorageError } from './errors';
import { MIN_KEY } from './tables';
import { joinsSession, sessionOf, withSet, type SessionRecord } from './session-record';
import type { SetRecord } from './set-record';

/**
 * Puts `record` in its session and saves both. Call inside a rw transaction over sets and
 * sessions. The session is the one the set already names (in the record or as stored), else
 * the latest session of the same exercise that ended at most 30 minutes before the set
 * started, else a new one.
 */
export async function attachAndSave(db: PostureDb, record: SetRecord): Promise<{ set: SetRecord; session: SessionRecord }> {
  const sessionId = record.sessionId ?? (await db.sets.get(record.id))?.sessionId;
  let session = sessionId ? await db.sessions.get(sessionId) : undefined;
  if (!session && !sessionId) {
    const latest = await db.sessions
      .where('[exerciseId+startedAt]')
      .between([record.exerciseId, MIN_KEY], [record.exerciseId, record.startedAt], true, true)
      .last();
    if (latest && joinsSession(latest, record)) session = latest;
  }
  const joined = session ? withSet(session, record) : sessionOf(record, sessionId);
  if (joined !== session) await db.sessions.put(joined);
  const set = record.sessionId === joined.id ? record : { ...record, sessionId: joined.id };
  await db.sets.put(set);
  return { set, session: joined };
}

/** Sessions with fromMs <= startedAt < toMs, oldest first. */
export async function listSessions(db: PostureDb, fromMs = -Infinity, toMs = Infinity): Promise<SessionRecord[]> {
  try {
    if (!(fromMs < toMs)) return [];
    return await db.sessions.where('startedAt').between(fromMs, toMs, true, false).toArray();
  } catch (err) {
    throw toStorageError(err, 'the session history', 'read');
  }
}
