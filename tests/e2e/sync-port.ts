/** Where tests/e2e/sync.spec.ts starts its sync server; the app under test reaches it at /couch. */
export const SYNC_PORT = Number(process.env.E2E_SYNC_PORT ?? 5990);
