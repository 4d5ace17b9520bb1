// The production build the browser tests run against, made by `npm test` beside vitest
// (scripts/test.mjs): the app's own `npm run build`, with the environment playwright.config.ts
// gives its web server (the test sync server behind /couch, fixed at build time).
import { spawnSync } from 'node:child_process';
import { E2E_APP_ENV } from '../tests/e2e/sync-port';

const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, ...E2E_APP_ENV } });
process.exit(r.status ?? 1);
