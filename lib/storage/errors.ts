export type StorageErrorCode = 'quota' | 'unavailable' | 'failed';

/** A storage failure the UI can explain; what was being saved is kept in memory by the caller. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string) {
    super(message);
    this.name = 'StorageError';
    this.code = code;
  }
}

function names(err: unknown): string[] {
  const out: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const o = e as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
    if (typeof o.name === 'string') out.push(o.name);
    // Dexie's BulkError lists each failed record's error; the first explains the rest.
    const firstFailure = Array.isArray(o.failures) ? o.failures[0] : undefined;
    e = o.inner ?? o.cause ?? firstFailure;
  }
  return out;
}

/** Whether storage is full: a QuotaExceededError, however deep Dexie or PouchDB wrapped it. */
export function isQuotaError(err: unknown): boolean {
  return names(err).includes('QuotaExceededError');
}

/**
 * Maps IndexedDB and Dexie errors to a code and a message a person can act on. `verb` says
 * what was being done ("Could not read the set history"); the quota message always speaks of
 * saving, since only writes fill storage.
 */
export function toStorageError(err: unknown, what: string, verb = 'save'): StorageError {
  if (err instanceof StorageError) return err;
  if (isQuotaError(err)) {
    return new StorageError('quota', `Could not save ${what}: this browser's storage for the app is full. Free space by exporting and deleting old data, or clearing other sites' data, then try again. Nothing has been lost yet.`);
  }
  if (names(err).some((x) => x === 'MissingAPIError' || x === 'InvalidStateError' || x === 'SecurityError' || x === 'OpenFailedError')) {
    return new StorageError('unavailable', `Could not ${verb} ${what}: this browser is not letting the app store data (private browsing, or storage turned off for this site). Keep this page open; allow site data and try again.`);
  }
  return new StorageError('failed', `Could not ${verb} ${what}: ${err instanceof Error ? err.message : String(err)}. Try again.`);
}

export type BackupErrorCode = 'too-large' | 'empty' | 'not-json' | 'truncated' | 'not-backup' | 'newer-version' | 'invalid';

/** A backup file that cannot be imported; `message` says why, and nothing was changed. */
export class BackupError extends Error {
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string) {
    super(message);
    this.name = 'BackupError';
    this.code = code;
  }
}
