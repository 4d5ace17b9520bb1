// Lighthouse report for the app's main pages: mobile defaults (emulated phone, simulated
// throttling), categories performance, accessibility and best-practices. Prints a score table
// and, per page, every accessibility/best-practices audit that scored below 1 plus the main
// performance metrics that did. It is a report, not a test: the exit code ignores the scores.
//
//   npm run lighthouse -- [--base http://127.0.0.1:3100] [--pages /,/snapshot,/session,/trends]
//                         [--runs 3] [--json out.json] [--lhr-dir dir]
//
// Scores move from run to run (more so on a shared machine), so each page runs --runs times
// (default 3) and the median run (Lighthouse's own computeMedianRun) is reported, with the
// range of performance scores and the machine's benchmark index beside it.
//
// --json writes the summary printed here; --lhr-dir writes each page's full Lighthouse result
// (open one in https://googlechrome.github.io/lighthouse/viewer/ or read its `audits`).
// Start the app first, e.g. `npx next build && npx next start -p 3100`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse, { type CliFlags, type Flags, type Result } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/chromium';

const DEFAULT_BASE = 'http://127.0.0.1:3100';
const DEFAULT_PAGES = ['/', '/snapshot', '/session', '/trends'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
type CategoryId = (typeof CATEGORIES)[number];

/** The performance metrics reported per page, with the table's column names. */
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
] as const;

/** How many failing elements/items of an audit to list under it. */
const MAX_ITEMS = 5;

interface Failure {
  category: CategoryId;
  id: string;
  title: string;
  score: number;
  displayValue?: string;
  items: string[];
}

interface PageReport {
  page: string;
  url: string;
  error?: string;
  scores: Partial<Record<CategoryId, number | null>>;
  metrics: Record<string, string | undefined>;
  failures: Failure[];
  /** Performance scores of every run (the reported run is the median one). */
  perfRuns?: number[];
  benchmarkIndex?: number;
}

function parseCli() {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: DEFAULT_BASE },
      pages: { type: 'string', default: DEFAULT_PAGES.join(',') },
      json: { type: 'string' },
      'lhr-dir': { type: 'string' },
      runs: { type: 'string', default: '3' },
    },
    strict: true,
  });
  const pages = values.pages
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const runs = Number.parseInt(values.runs, 10);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error(`--runs must be a whole number from 1 to 20; got ${values.runs}.`);
  return { base: values.base, pages, json: values.json, lhrDir: values['lhr-dir'], runs };
}

type AuditResult = Result['audits'][string];

/** A short line per failing item: the element's selector and snippet, or the item's text. */
function describeItems(audit: AuditResult): string[] {
  const details = audit.details;
  if (!details || !('items' in details) || !Array.isArray(details.items)) return [];
  const lines: string[] = [];
  for (const item of details.items.slice(0, MAX_ITEMS) as Array<Record<string, unknown>>) {
    const node = item.node as { selector?: string; snippet?: string; explanation?: string } | undefined;
    if (node?.selector) {
      const why = node.explanation?.split('\n').find((l) => /contrast|ratio|Fix/i.test(l))?.trim();
      lines.push(`${node.selector}${why ? ` — ${why}` : ''}`);
      continue;
    }
    // inspector-issues groups issues by type, each with sub-items.
    const issueType = typeof item.issueType === 'string' ? item.issueType : undefined;
    const sub = item.subItems as { items?: Array<Record<string, unknown>> } | undefined;
    if (issueType) {
      const subText = (sub?.items ?? [])
        .slice(0, MAX_ITEMS)
        .map((s) => Object.values(s).filter((v) => typeof v === 'string').join(' '))
        .join('; ');
      lines.push(subText ? `${issueType}: ${subText}` : issueType);
      continue;
    }
    const text = ['description', 'source', 'url', 'label']
      .map((k) => item[k])
      .find((v): v is string => typeof v === 'string');
    // Console errors name the failing address in their source location.
    const where = (item.sourceLocation as { url?: string } | undefined)?.url;
    if (text) lines.push(where && where !== text ? `${text} (${where})` : text);
  }
  return lines;
}

function summarise(page: string, url: string, lhr: Result): PageReport {
  const scores: PageReport['scores'] = {};
  for (const id of CATEGORIES) scores[id] = lhr.categories[id]?.score ?? null;

  const metrics: PageReport['metrics'] = {};
  for (const [id, label] of METRICS) metrics[label] = lhr.audits[id]?.displayValue;

  const failures: Failure[] = [];
  const failed = (audit: AuditResult | undefined): audit is AuditResult & { score: number } =>
    audit !== undefined && typeof audit.score === 'number' && audit.score < 1;

  for (const [id] of METRICS) {
    const audit = lhr.audits[id];
    if (failed(audit)) failures.push({ category: 'performance', id, title: audit.title, score: audit.score, displayValue: audit.displayValue, items: [] });
  }
  for (const category of ['accessibility', 'best-practices'] as const) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!failed(audit)) continue;
      failures.push({ category, id: ref.id, title: audit.title, score: audit.score, displayValue: audit.displayValue, items: describeItems(audit) });
    }
  }
  const error = lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : undefined;
  return { page, url, error, scores, metrics, failures };
}

/** One Lighthouse run of a page in a fresh Chromium profile. */
async function runOnce(url: string): Promise<Result> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'lighthouse-profile-'));
  const chrome = await launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless', ...CHROMIUM_ARGS],
    userDataDir,
    logLevel: 'silent',
  });
  try {
    // Only the CLI ever sets up error reporting (Sentry); the flag is given anyway, switched off.
    const flags: Flags & Pick<CliFlags, 'enableErrorReporting'> = {
      port: chrome.port,
      logLevel: 'error',
      output: 'json',
      onlyCategories: [...CATEGORIES],
      enableErrorReporting: false,
    };
    const result = await lighthouse(url, flags);
    if (!result) throw new Error('Lighthouse returned no result');
    return result.lhr;
  } finally {
    chrome.kill();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

async function auditPage(page: string, base: string, runs: number, lhrDir: string | undefined): Promise<PageReport> {
  const url = new URL(page, base).href;
  try {
    const lhrs: Result[] = [];
    for (let i = 0; i < runs; i++) lhrs.push(await runOnce(url));
    const median = runs === 1 ? lhrs[0] : (computeMedianRun(lhrs) as Result);
    if (lhrDir) {
      const name = page === '/' ? 'root' : page.replace(/^\//, '').replace(/[^\w.-]+/g, '_');
      await writeFile(path.join(lhrDir, `${name}.json`), JSON.stringify(median, null, 2));
    }
    return {
      ...summarise(page, url, median),
      perfRuns: lhrs.map((l) => Math.round((l.categories.performance?.score ?? 0) * 100)),
      benchmarkIndex: median.environment.benchmarkIndex,
    };
  } catch (err) {
    return { page, url, error: err instanceof Error ? err.message : String(err), scores: {}, metrics: {}, failures: [] };
  }
}

function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' ? String(Math.round(score * 100)) : '-';
}

function printTable(reports: PageReport[]): void {
  const header = ['page', 'perf', 'a11y', 'best-pr', ...METRICS.map(([, label]) => label), 'perf runs', 'bench'];
  const rows = reports.map((r) => [
    r.page,
    formatScore(r.scores.performance),
    formatScore(r.scores.accessibility),
    formatScore(r.scores['best-practices']),
    ...METRICS.map(([, label]) => (r.metrics[label] ?? '-').replace(/\u00a0/g, ' ')),
    r.perfRuns?.join(' ') ?? '-',
    r.benchmarkIndex === undefined ? '-' : String(Math.round(r.benchmarkIndex)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function printFailures(reports: PageReport[]): void {
  for (const r of reports) {
    console.log(`\n${r.page}  (${r.url})`);
    if (r.error) console.log(`  error: ${r.error}`);
    if (r.failures.length === 0 && !r.error) console.log('  no failing audits');
    for (const f of r.failures) {
      const value = f.displayValue ? ` [${f.displayValue.replace(/\u00a0/g, ' ')}]` : '';
      console.log(`  ${f.category.padEnd(14)} ${f.id}${value} score ${formatScore(f.score)}: ${f.title}`);
      for (const item of f.items) console.log(`      - ${item}`);
    }
  }
}

async function main(): Promise<void> {
  const { base, pages, json, lhrDir, runs } = parseCli();
  if (lhrDir) await mkdir(lhrDir, { recursive: true });
  const reports: PageReport[] = [];
  for (const page of pages) {
    console.error(`lighthouse: ${new URL(page, base).href}`);
    reports.push(await auditPage(page, base, runs, lhrDir));
  }
  console.log('');
  printTable(reports);
  printFailures(reports);
  if (json) {
    await writeFile(json, JSON.stringify({ base, date: new Date().toISOString(), reports }, null, 2));
    console.log(`\nwrote ${json}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
