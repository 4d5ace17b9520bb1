import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tools/browser/chromium';
import { SYNC_PORT } from './tests/e2e/sync-port';

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The files that take two minutes or more, and those that take about a minute. */
const LONGEST = /\/(routine-complete|routine)\.spec\.ts$/;
/** The soak judges the page's own frame rate over two minutes: queued last. */
const SOAK = /\/soak\.spec\.ts$/;
const LONG = /\/(sync|range|range-reach|offline|faults|walker|focus-view)\.spec\.ts$/;


export default defineConfig({
  testDir: 'tests/e2e',
  // One browser at a time: a camera test counts in real time, and two of them on two cores
  // missed reps (a squat or a push-up of the clip). E2E_WORKERS=2 runs two on a larger machine;
  // the projects below queue the longest files first and the soak last.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: chromiumLaunchOptions(),
    trace: 'off',
    // The service worker (app/sw.ts) answers from its caches, out of reach of page.route and of
    // a test's own fixtures; the offline and update tests (offline.spec.ts) allow it.
    serviceWorkers: 'block',
  },
  // The longest files first (each a few minutes of real-time camera), so the two workers are not
  // left with one of them at the end while the other has nothing to do; the soak last, alone.
  projects: [
    { name: 'longest', testMatch: LONGEST },
    { name: 'long', testMatch: LONG },
    { name: 'rest', testIgnore: [LONGEST, LONG, SOAK] },
    { name: 'soak', testMatch: SOAK },
  ],
  webServer: {
    command: `npm run build && npm run start -- -p ${PORT}`,
    url: `http://localhost:${PORT}/live`,
    timeout: 400_000,
    reuseExistingServer: !process.env.CI,
    env: { NEXT_TELEMETRY_DISABLED: '1', POSTURE_SYNC_UPSTREAM: `http://127.0.0.1:${SYNC_PORT}` },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
