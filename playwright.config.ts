import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tools/browser/chromium';
import { E2E_APP_ENV } from './tests/e2e/sync-port';

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The soak judges the page's own frame rate over two minutes: queued first, beside QUIET files only. */
const SOAK = /\/soak\.spec\.ts$/;
/**
 * Files that run no pose model at all (seeded records, the report, messages): first beside the
 * soak, so that its camera has the model to itself while it starts and counts its first loops (a
 * file running the model beside it, on a slow day of this 2-core machine, cost the soak a squat).
 */
const LIGHT = /\/(first-paint|model-errors|no-camera|progress|reminders|report|trends-range)\.spec\.ts$/;
/**
 * Files that neither count movement in real time nor judge a frame rate, though some run the
 * model (a still in view, a recorded video, the live view). The first of them run beside the end of
 * the soak, so they are the ones that run the model least (a camera denied or missing, the pages'
 * scans): with the live-view files there instead, the soak missed a squat in its last loop.
 */
const QUIET_FIRST = /\/(camera-denied|no-webgl2|pages|session-denied)\.spec\.ts$/;
const QUIET = /\/(wall-hold|live|auto-model|astronaut|walker)\.spec\.ts$/;
/** The files that count a camera for a minute or more, longest first (a project's files run in name order). */
const LONGEST = /\/routine-complete\.spec\.ts$/;
const LONG = /\/(routine|sync|faults)\.spec\.ts$/;
const MEDIUM = /\/(focus-view|offline|range|range-reach)\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  // Two browsers at a time on two cores, and nothing else beside them under `npm test` (a camera
  // test with less of the machine measured fewer frames and missed a rep). Each camera file plays
  // its clip no faster than it was filmed, after 4 s (squats: 6 s) of the person still and in view
  // (tests/e2e/fake-camera.ts).
  // E2E_WORKERS=1 runs one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 2),
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
  // Queued in this order, each worker taking the next file: the soak first, with the files that run
  // no model beside it, then the quiet ones (together longer than the soak); then the counting
  // files, longest first, so that neither worker is left with a long one at the end while the
  // other has nothing to do.
  projects: [
    { name: 'soak', testMatch: SOAK },
    { name: 'light', testMatch: LIGHT },
    { name: 'quiet-first', testMatch: QUIET_FIRST },
    { name: 'quiet', testMatch: QUIET },
    { name: 'longest', testMatch: LONGEST },
    { name: 'long', testMatch: LONG },
    { name: 'medium', testMatch: MEDIUM },
    { name: 'rest', testIgnore: [SOAK, LIGHT, QUIET_FIRST, QUIET, LONGEST, LONG, MEDIUM] },
  ],
  webServer: {
    // `npm test` makes the build beside vitest first and sets E2E_BUILT (scripts/test.mjs).
    command: process.env.E2E_BUILT ? `npm run start -- -p ${PORT}` : `npm run build && npm run start -- -p ${PORT}`,
    url: `http://localhost:${PORT}/live`,
    timeout: 400_000,
    reuseExistingServer: !process.env.CI,
    env: E2E_APP_ENV,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
