import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the tests keep the figures the docs quote: bench-results/figures/<file>.json (git-ignored;
 * not test-results/, which Playwright empties when it starts beside vitest in `npm test`).
 */
export const FIGURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench-results', 'figures');

/**
 * Reports a measured figure: prints `line` (or `[file] key: value`; nothing for null) as the tests always have, and
 * records `value` under `key` in bench-results/figures/<file>.json, merged with what that file
 * already holds (read, set, write, synchronously; one file per test file, so two workers never
 * write the same one). Only the reporting: it asserts nothing.
 */
export function figure(file: string, key: string, value: unknown, line?: string | null): void {
  if (line !== null) console.log(line ?? `[${file}] ${key}: ${JSON.stringify(value)}`);
  const target = path.join(FIGURES_DIR, `${file}.json`);
  mkdirSync(FIGURES_DIR, { recursive: true });
  let figures: Record<string, unknown> = {};
  try {
    figures = JSON.parse(readFileSync(target, 'utf8')) as Record<string, unknown>;
  } catch {
    // No file yet (or a damaged one): start afresh.
  }
  figures[key] = value;
  const sorted = Object.fromEntries(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(tmp, target);
}

/** A number rounded to `digits` decimals, as the console line prints it. */
export function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
