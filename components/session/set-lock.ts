// A running set is held by its tab (Web Locks), so another tab of the app does not offer it
// back as "unfinished" and write to the same record: one writer per set.
const PREFIX = 'posture-tracker-set:';

type Locks = { request: LockManager['request']; query: LockManager['query'] };
const locks = (): Locks | null => (typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null);

/** Holds the set's lock until the returned function is called. */
export function holdSetLock(setId: string): () => void {
  const l = locks();
  if (!l) return () => {};
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  void l.request(PREFIX + setId, () => held).catch(() => {});
  return release;
}

/** Whether another tab (or this one) is running the set now. */
export async function setInUse(setId: string): Promise<boolean> {
  const l = locks();
  if (!l) return false;
  const state = await l.query();
  return (state.held ?? []).some((lock) => lock.name === PREFIX + setId);
}

/** Whether any tab of the app is running a set now (an app update waits for it to end). */
export async function anySetRunning(): Promise<boolean> {
  const l = locks();
  if (!l) return false;
  const state = await l.query();
  return (state.held ?? []).some((lock) => lock.name?.startsWith(PREFIX));
}
