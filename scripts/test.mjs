#!/usr/bin/env node
// `npm test`: the whole suite, vitest and Playwright, in one run that keeps both cores busy.
//
// The end-to-end tests mostly wait on real time (a fake camera plays a clip at its own speed),
// so on their own they leave much of the machine idle; vitest's real-model tests are the
// opposite (batch work with no clock). So they run side by side:
//
//   1. Playwright starts at once: its web server (playwright.config.ts) makes the production
//      build with the tests' settings, then its tests run against it (one browser at a time),
//      beside vitest;
//   2. vitest runs at the lowest scheduling priority (nice 19), so the camera tests, which must
//      keep up with their camera's frame rate, get the CPU first and vitest takes what is left.
//      No test asserts a speed; sharing the machine changes no result, only when each finishes.
//
// Each line of output is prefixed with its runner. The exit status is non-zero if either
// runner failed; a summary with each part's time ends the run.
//
// One part alone: `npm run test:unit` (vitest) or `npm run test:e2e` (Playwright).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules/.bin');
const extraArgs = process.argv.slice(2);
if (extraArgs.length > 0) {
  console.error('npm test takes no arguments; run `npx vitest run FILE` or `npx playwright test FILE` for one file.');
  process.exit(2);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
/** `nice` where the system has it (Linux, macOS): vitest yields the CPU to the camera tests. */
const NICE = ['/usr/bin/nice', '/bin/nice'].find((p) => existsSync(p));

/** Runs a command, each output line prefixed; resolves with its exit status and time. */
function run(label, command, args, { nice = false } = {}) {
  const started = Date.now();
  const [cmd, argv] = nice && NICE ? [NICE, ['-n', '19', command, ...args]] : [command, args];
  const child = spawn(cmd, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `${label.padEnd(6)}| `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
    stream.on('end', () => {
      if (rest) process.stdout.write(prefix + rest + '\n');
    });
  }
  return new Promise((resolve) => {
    child.on('error', (err) => {
      process.stdout.write(`${prefix}could not start ${command}: ${err.message}\n`);
      resolve({ label, code: 1, seconds: (Date.now() - started) / 1000 });
    });
    child.on('close', (code, signal) => resolve({ label, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 }));
  });
}

const started = Date.now();
const results = await Promise.all([run('vitest', path.join(BIN, 'vitest'), ['run'], { nice: true }), run('e2e', path.join(BIN, 'playwright'), ['test'])]);
const total = (Date.now() - started) / 1000;
console.log('');
for (const r of results) console.log(`${r.label.padEnd(6)} ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds.toFixed(0)} s`);
console.log(`all    ${results.every((r) => r.code === 0) ? 'passed' : 'FAILED'} in ${total.toFixed(0)} s`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
