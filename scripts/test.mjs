#!/usr/bin/env node
// `npm test`: the whole suite, vitest and Playwright, with one summary.
//
// vitest first, beside the production build; then Playwright against that build, alone.
// Playwright's counting tests play a clip in real time, two browsers at a time (playwright.config.ts),
// and a camera test that shares the two cores with more than the other browser counts at a lower
// frame rate and can miss a rep: measured, a push-up or a squat of a clip was missed when vitest
// ran beside them, even at the lowest scheduling priority. So nothing runs beside them. The build
// (mostly one core) and vitest (batch work with no clock: no vitest test asserts a speed) share
// the machine first, vitest at the lowest priority (nice 19) so the build is not held up.

// Each line of output is prefixed with its part (vitest, build, e2e). The exit status is non-zero
// if any part failed; a summary with each part's time ends the run.
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

/**
 * Lines that name a failure, kept per runner and printed again at the end: a long run's log is
 * often read from its tail, where the first runner's failures would otherwise be out of sight.
 * vitest marks a failed file or test with FAIL or ×, Playwright with ✘ and its numbered list.
 */
const FAILURE_LINE = /^\s*(FAIL\b|×|✘|\d+\) \[)|^\s*(Test Files|Tests)\s+.*\bfailed\b|^\s*Errors\s+\d+ error|Unhandled (Error|Rejection)/;
const failures = new Map();
/** Colour codes, which some runners print whatever FORCE_COLOR says. */
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** `nice` where the system has it (Linux, macOS): vitest yields the CPU to the camera tests. */
const NICE = ['/usr/bin/nice', '/bin/nice'].find((p) => existsSync(p));

/** Runs a command, each output line prefixed; resolves with its exit status and time. */
function run(label, command, args, { nice = false, env: extraEnv = {} } = {}) {
  failures.set(label, []);
  const started = Date.now();
  const [cmd, argv] = nice && NICE ? [NICE, ['-n', '19', command, ...args]] : [command, args];
  const child = spawn(cmd, argv, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `${label.padEnd(6)}| `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        process.stdout.write(prefix + line + '\n');
        const plain = line.replace(ANSI, '');
        if (FAILURE_LINE.test(plain)) failures.get(label).push(plain.trim());
      }
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
const [vitest, build] = await Promise.all([run('vitest', path.join(BIN, 'vitest'), ['run'], { nice: true }), run('build', process.execPath, ['--import', 'tsx', 'scripts/e2e-build.ts'])]);
// Playwright serves the build made above (E2E_BUILT; it builds one itself when run alone).
const e2e = build.code === 0 ? await run('e2e', path.join(BIN, 'playwright'), ['test'], { env: { E2E_BUILT: '1' } }) : { label: 'e2e', code: 1, seconds: 0 };
const results = [vitest, build, e2e];
const total = (Date.now() - started) / 1000;
console.log('');
for (const r of results) {
  const lines = [...new Set(failures.get(r.label) ?? [])];
  if (r.code === 0 || lines.length === 0) continue;
  console.log(`${r.label} failures:`);
  for (const line of lines.slice(0, 40)) console.log(`  ${line}`);
  if (lines.length > 40) console.log(`  … and ${lines.length - 40} more`);
}
for (const r of results) console.log(`${r.label.padEnd(6)} ${r.code === 0 ? 'passed' : r.label === 'e2e' && r.seconds === 0 ? 'not run (the build failed)' : `FAILED (exit ${r.code})`} in ${r.seconds.toFixed(0)} s`);
console.log(`all    ${results.every((r) => r.code === 0) ? 'passed' : 'FAILED'} in ${total.toFixed(0)} s`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
