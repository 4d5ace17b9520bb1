// The pure core (measurements, counting, progression) must stay free of UI, DOM, store and
// engine code, so recorded traces replay in plain Node and time is always an argument.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORE = ['lib/angles', 'lib/exercise', 'lib/progression', 'lib/range', 'lib/routine', 'lib/session', 'lib/sync/rules'];
/** The one storage module the sync rules use: the record schemas, pure zod (one schema for backups and synced documents). */
const SHARED_SCHEMAS = /lib\/storage\/backup-schema$/;
/** Imports the core may not use (type-only imports of lib/pose types are allowed). */
const FORBIDDEN = [/^react/, /^next/, /^zustand/, /^dexie/, /^@mediapipe\//, /^@tensorflow/, /^@tensorflow-models\//, /lib\/store/, /lib\/storage/, /components\//, /app\//, /lib\/pose\/(?!types|landmarks)/];
const CLOCKS = [/\bDate\.now\(/, /\bperformance\.now\(/, /\bnew Date\(\)/, /\bdocument\.\w/, /\bwindow\.\w/];

function files(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = path.join(dir, e);
    if (statSync(path.join(ROOT, p)).isDirectory()) return files(p);
    return /\.ts$/.test(e) && !/\.test\.ts$/.test(e) ? [p] : [];
  });
}

describe('pure core', () => {
  const sources = CORE.flatMap(files);
  it('has sources to check', () => {
    expect(sources.length).toBeGreaterThan(3);
  });
  it.each(sources)('%s imports nothing from the shell', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const imports = [...text.matchAll(/^\s*import\s+(type\s+)?[^'"]*from\s+['"]([^'"]+)['"]/gm)];
    for (const [, typeOnly, spec] of imports) {
      const resolved = spec.startsWith('.') ? path.join(path.dirname(file), spec) : spec;
      if (typeOnly && /lib\/pose\//.test(resolved)) continue;
      if (file.startsWith('lib/sync/rules') && SHARED_SCHEMAS.test(resolved)) continue;
      for (const rule of FORBIDDEN) expect(resolved, `${file} imports ${spec}`).not.toMatch(rule);
    }
    for (const rule of CLOCKS) expect(text, `${file} reads the clock or the DOM`).not.toMatch(rule);
  });
});
