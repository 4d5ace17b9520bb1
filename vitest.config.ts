import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The real-model files, longest first: with two workers the long ones start at once instead of
 * last (a fresh clone has no timings yet, and vitest would run them in glob order, tests/pose
 * last). Files that share engine runs (tests/pose/engine-frames.ts) are spread so that the one
 * that makes a run mostly finishes before the others that read it start.
 */
const FIRST = [
  'tests/pose/engine-outputs.test.ts',
  'tests/pose/range-renders.test.ts',
  'tests/pose/gate-thresholds.test.ts',
  'tests/pose/engines-views.test.ts',
  'tests/pose/engines-people.test.ts',
  'tests/pose/range-real.test.ts',
  'tests/pose/range-rotation-renders.test.ts',
  'tests/pose/range-rotation-real-still.test.ts',
  'tests/pose/gate-body.test.ts',
  'tests/pose/people-and-engines.test.ts',
  'tests/pose/clips.test.ts',
  'lib/sync/mirror-faults.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = FIRST.findIndex((p) => f.moduleId.endsWith(p));
      return i === -1 ? FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  // The same "@/..." imports as the app (tsconfig paths).
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.{ts,mjs}', 'tools/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/pose/**/*.test.ts'],
    environment: 'node',
    // Two files at a time: MediaPipe in Chromium and tfjs in Node each keep about one core busy,
    // and files that need the same engine run share it through tests/pose/engine-frames.ts.
    // No test asserts a speed, so sharing the cores changes no result.
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    sequence: { sequencer: LongestFirst },
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
