#!/usr/bin/env node
// `npm run test:record`: makes every recorded engine output (tests/pose/engine-outputs, see
// tests/pose/engine-outputs.ts) again from the real engine, after a model, engine, browser or
// fixture change. The old records are removed first, so none is left that no test asks for; the
// real-model tests then run with ENGINE_OUTPUTS=record, each run made by the engine (or read from
// this machine's own cache of this exact engine, .cache/engine-frames) and written down. Check
// the result with `npx vitest run tests/pose/engine-outputs.test.ts`, then commit the folder.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
rmSync(path.join(ROOT, 'tests/pose/engine-outputs'), { recursive: true, force: true });
const r = spawnSync(path.join(ROOT, 'node_modules/.bin/vitest'), ['run', 'tests/pose'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, ENGINE_OUTPUTS: 'record', NEXT_TELEMETRY_DISABLED: '1' },
});
process.exit(r.status ?? 1);
