// package.json's "sideEffects" lets the bundler leave out the app's modules whose exports a page
// does not use. A module that does something when it is imported (sets a global, configures a
// library) must be listed there, or a page that imports it only for that effect (or through a
// re-export) silently runs without it: zod's jitless setting (lib/zod.ts) was lost that way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Code the app's pages import (workers and the service worker are entries of their own). */
const DIRS = ['app', 'components', 'lib'];
const ENTRIES = /(^app\/sw\.ts$|\.worker\.ts$)/;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((e) => {
    const p = `${dir}/${e}`;
    if (statSync(path.join(ROOT, p)).isDirectory()) return sources(p);
    return /\.tsx?$/.test(e) && !/\.test\.tsx?$/.test(e) && !/^test-/.test(e) ? [p] : [];
  });
}

/** Top-level statements that run something when the module is imported (not declarations, imports or exports). */
function effects(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  return sf.statements
    .filter((s) => ts.isExpressionStatement(s) || ts.isIfStatement(s) || ts.isForStatement(s) || ts.isForOfStatement(s) || ts.isTryStatement(s) || ts.isBlock(s))
    // 'use client', and `void name;` (a type check kept in use: nothing runs)
    .filter((s) => !(ts.isExpressionStatement(s) && (ts.isStringLiteral(s.expression) || (ts.isVoidExpression(s.expression) && ts.isIdentifier(s.expression.expression)))))
    .map((s) => s.getText(sf).split('\n')[0].slice(0, 80));
}

describe('modules with effects on import', () => {
  const listed: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).sideEffects;
  const files = DIRS.flatMap(sources).filter((f) => !ENTRIES.test(f));

  it('finds the app code to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('are each listed in package.json "sideEffects"', () => {
    const missing = files.filter((f) => effects(f).length > 0 && !listed.includes(`./${f}`)).map((f) => `${f}: ${effects(f)[0]}`);
    expect(missing).toEqual([]);
  });

  it('and every listed module still exists (a stale entry keeps nothing out)', () => {
    const stale = listed.filter((p) => p.startsWith('./') && !files.includes(p.slice(2)));
    expect(stale).toEqual([]);
  });
});
