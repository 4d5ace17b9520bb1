// What to do with one record when this device's copy and the server's document differ. Pure.
//
// Three things are known for each record: what this device holds (`local`), what this device
// and the server last agreed on (`base`, kept by the mirror beside the records), and the
// document (`doc`). From them:
// - the same content on both sides: agreed;
// - changed here since the last agreement: this device's edit is sent (an edit still waiting
//   when the page closed is kept);
// - unchanged here, and the server moved on: the server's version is taken (an edit or deletion
//   made elsewhere);
// - a document that was refused (set aside) never overwrites or deletes anything here, and
//   nothing is sent over it unless the record was changed here;
// - no history here (a device joining an account with records of its own): a record the server
//   lacks is sent; one the server has with other content goes to the server's version (the
//   account's record), merged where the conflict rule merges (a session keeps every set).
import { NO_RECORD } from './docs';

export type DocState =
  /** The server never had it (no document, not even a deletion). */
  | { readonly kind: 'none' }
  /** Deleted on the server. */
  | { readonly kind: 'deleted' }
  /** A record that passed the checks, by its content hash. */
  | { readonly kind: 'live'; readonly hash: string }
  /** A document that was set aside. */
  | { readonly kind: 'refused' };

export type Decision =
  /** Both sides hold the same: remember it as agreed. */
  | 'agree'
  /** Take the server's version here. */
  | 'apply'
  /** Send this device's version as an edit. */
  | 'push'
  /** Leave both sides as they are. */
  | 'keep'
  /** No history here and the server differs: the conflict rule decides, this device's copy counting as the earliest edit. */
  | 'merge';

/**
 * `local`: content hash of the record here (NO_RECORD when there is none); `base`: the hash
 * last agreed (undefined when this device has no history for the record).
 */
export function decide(local: string, base: string | undefined, doc: DocState): Decision {
  const server = doc.kind === 'live' ? doc.hash : doc.kind === 'refused' ? null : NO_RECORD;
  if (server !== null && local === server) return 'agree';
  const changedHere = base === undefined ? null : local !== base;
  if (doc.kind === 'refused') return changedHere ? 'push' : 'keep';
  if (changedHere === true) return 'push';
  if (changedHere === false) return doc.kind === 'none' ? 'push' : 'apply';
  if (local === NO_RECORD) return 'apply';
  if (doc.kind === 'none') return 'push';
  return 'merge';
}
