/** A new record id: a random UUID where the browser has one, else time plus randomness. */
export function newRecordId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
