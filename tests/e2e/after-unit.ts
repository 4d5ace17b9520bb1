// With `npm test`, vitest runs beside the build and beside the first browser files: the soak (its
// camera at the clip's own 5 frames a second) and the quiet files, which count nothing a busy
// machine could change. Every counting file waits here before its first test, so it starts only
// once vitest has ended and nothing but the other browser shares the machine with it: beside
// vitest, camera tests missed a squat or a push-up of their clip. scripts/test.mjs names the file
// it writes when vitest ends (E2E_AFTER_UNIT); Playwright run alone has nothing to wait for.
import { existsSync } from 'node:fs';
import type { TestInfo } from '@playwright/test';

/** `test.beforeAll(untilUnitTestsEnd)` in a counting file. */
// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from its first parameter's pattern.
export async function untilUnitTestsEnd({}, testInfo: TestInfo): Promise<void> {
  const marker = process.env.E2E_AFTER_UNIT;
  if (!marker || existsSync(marker)) return;
  testInfo.setTimeout(20 * 60_000);
  while (!existsSync(marker)) await new Promise((r) => setTimeout(r, 500));
}
