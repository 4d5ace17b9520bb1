/** Where tests/e2e/sync.spec.ts starts its sync server; the app under test reaches it at /couch. */
export const SYNC_PORT = Number(process.env.E2E_SYNC_PORT ?? 5990);

/**
 * The environment the app under test is built and served with: the sync server at SYNC_PORT
 * behind the app's /couch (the address is fixed at build time). playwright.config.ts gives it to
 * its web server, and `npm test` to the build it makes beside vitest (scripts/e2e-build.ts).
 */
export const E2E_APP_ENV = { NEXT_TELEMETRY_DISABLED: '1', POSTURE_SYNC_UPSTREAM: `http://127.0.0.1:${SYNC_PORT}` } as const;
