import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The same "@/..." imports as the app (tsconfig paths).
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.{ts,mjs}', 'tools/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/pose/**/*.test.ts'],
    environment: 'node',
    // Browser-backed tests share two cores; run files one at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
