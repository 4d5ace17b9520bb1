// The one-page report for the physiotherapist (/report, and a person's report in the clinician
// view): what it says with no data and with five weeks of records, on a phone and a laptop, and
// printed: page.pdf as A4 and as Letter must each be exactly one page, with the key text on it
// and none of the site's navigation or buttons. The PDFs are also drawn as pictures (pdftoppm)
// for people to look at, in REPORT_SHOTS_DIR (default /tmp/shots-report).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docIdOf, userDbName, type SyncedTable } from '../../lib/sync/rules/docs';
import { startSyncServer, type SyncServer } from '../../tools/sync-server/server';
import { checkScreen, SIZES } from './screens';
import { FIVE_WEEK_CHECKS, seedBackup, type Seeded } from './seed';
import { SYNC_PORT } from './sync-port';
import { restoreBackup } from './restore';

const dir = mkdtempSync(path.join(os.tmpdir(), 'report-e2e-'));
const SHOTS = process.env.REPORT_SHOTS_DIR ?? path.join(os.tmpdir(), 'shots-report');
const utcOffsetMinutes = -new Date().getTimezoneOffset();
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Five weeks of training (stage 2, moving on when it stops improving), a range check in four of them. */
const CHECKS = FIVE_WEEK_CHECKS;
const SLEEP = ['poor', 'fair', 'good'] as const;
const EASE = ['harder', 'same', 'easier'] as const;

let seeded: Seeded;
let file: string;
/** The red flag's moment: Tuesday of the week before this one, 10:00 local time. */
let redFlagAtMs: number;
let tables: Record<string, Record<string, unknown>[]>;

/** "22 Jan 2026" as the page writes a local date. */
function dateWords(ms: number): string {
  const local = new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  return new Date(`${local}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
}

test.beforeAll(async () => {
  seeded = await seedBackup(path.join(dir, 'five-weeks.json'), { weeks: 5, stage: 2, snapshots: 5, utcOffsetMinutes, rangeChecks: CHECKS });
  // Check-ins with the newer answers (tension, sleep, turning, reaching) and one red flag.
  const backup = JSON.parse(readFileSync(seeded.file, 'utf8')) as { tables: Record<string, Record<string, unknown>[]> };
  backup.tables.checkIns = backup.tables.checkIns.map((c, i) => ({
    ...c,
    tension: Math.max(0, 6 - (i >> 1)),
    sleep: SLEEP[i % 3],
    ...(i % 2 ? { turning: EASE[(i >> 1) % 3] } : { reaching: EASE[(i + 1) % 3] }),
  }));
  const now = Date.now();
  const weekStart = now - ((((Math.floor((now + utcOffsetMinutes * 60_000) / DAY_MS) + 3) % 7) + 7) % 7) * DAY_MS;
  const monday = Math.floor((weekStart + utcOffsetMinutes * 60_000) / DAY_MS) * DAY_MS - utcOffsetMinutes * 60_000;
  redFlagAtMs = monday - WEEK_MS + DAY_MS + 10 * 3_600_000;
  backup.tables.checkIns.push({ id: 'check-in-red-flag', atMs: redFlagAtMs, sessionId: null, pain: 5, redFlags: ['tingling'], comfortable: false, tension: 7, sleep: 'poor' });
  tables = backup.tables;
  file = path.join(dir, 'five-weeks-check-ins.json');
  writeFileSync(file, JSON.stringify(backup));
  mkdirSync(SHOTS, { recursive: true });
});

const restore = (page: Page) => restoreBackup(page, file);

/**
 * Prints the page as `format` to SHOTS/<name>.pdf and draws its pages as <name>-<n>.png at 60 dpi:
 * how many pages, and the text on them (white space folded).
 */
function printToPdf(pdfBytes: Buffer, name: string): { pages: number; text: string } {
  const pdf = path.join(SHOTS, `${name}.pdf`);
  writeFileSync(pdf, pdfBytes);
  const drawn = () => readdirSync(SHOTS).filter((f) => f.startsWith(`${name}-`) && /^\d+\.png$/.test(f.slice(name.length + 1)));
  for (const old of drawn()) rmSync(path.join(SHOTS, old));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(SHOTS, name)]);
  return { pages: drawn().length, text: execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, ' ') };
}

/** What every filled report says, on screen or on paper. */
function keyTexts(): (string | RegExp)[] {
  return [
    'Progress report',
    `Report date: ${dateWords(Date.now())}`,
    'Period covered',
    `Stage ${seeded.programme.stage} of 5`,
    'Sessions done against prescribed',
    'Overhead reach',
    'Rotation to the left',
    'Latest posture snapshot',
    'Head-forward angle',
    'Red flags',
    `${dateWords(redFlagAtMs)}: tingling (pain 5/10)`,
    'Tension 0-10',
    'Sleep',
    'Turning',
    'Reaching',
  ];
}

test.describe('empty', () => {
  test.use(SIZES[0].use);

  test('nothing recorded yet: every section says so plainly', async ({ page }) => {
    await page.goto('/report');
    const report = page.getByTestId('report');
    await expect(report.getByTestId('report-empty')).toContainText('No data yet');
    await expect(report.getByTestId('report-stage')).toContainText('No programme started yet.');
    await expect(report.getByTestId('report-sessions')).toContainText('No programme and no sessions yet.');
    await expect(report.getByTestId('report-range')).toContainText('No range check yet.');
    await expect(report.getByTestId('report-range')).toContainText('No measured sessions in these 4 weeks.');
    await expect(report.getByTestId('report-snapshot')).toContainText('No posture snapshot yet.');
    await expect(report.getByTestId('report-red-flags')).toContainText('None reported in these 4 weeks.');
    await expect(report.getByTestId('report-check-ins')).toContainText('No check-ins in these 4 weeks.');
    await expect(report.getByTestId('report-trend')).toHaveCount(0);
    await checkScreen(page, 'report-empty', 'phone');
    await page.screenshot({ path: path.join(SHOTS, 'report-empty-390x844.png'), fullPage: true });
    const { pages, text } = printToPdf(await page.pdf({ format: 'A4' }), 'report-empty-A4');
    expect(pages).toBe(1);
    expect(text).toContain('No data yet');
  });
});

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use(size.use);

    test(`five weeks of records: the report on screen (${size.name})`, async ({ page }) => {
      await restore(page);
      await page.goto('/report');
      const report = page.getByTestId('report');
      for (const text of keyTexts()) await expect(report).toContainText(text);
      // Two stage exercises in the period (the stage moved on) and the five range-check measures.
      expect(seeded.programme.stage).toBe(3);
      await expect(report.locator('[data-testid="report-trend"][data-kind="check"]')).toHaveCount(5);
      await expect(report.locator('[data-testid="report-trend"][data-kind="exercise"]')).toHaveCount(2);
      await expect(report.getByTestId('report-trend-chart')).toHaveCount(7);
      await expect(report.locator('[data-testid="report-trend"][data-id="rotation-left"]')).toContainText('+6° since the week of');
      await expect(report.locator('[data-testid="report-trend"][data-id="rotation-left"]')).toContainText('more than its 5° error');
      await expect(report.getByTestId('report-sessions').locator('tbody tr')).toHaveCount(4);
      await expect(report.getByTestId('report-felt').locator('tbody tr')).toHaveCount(4);
      await expect(report.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
      // No picture of the person anywhere.
      await expect(report.locator('img, video, canvas')).toHaveCount(0);
      await checkScreen(page, 'report', size.name);
      await page.screenshot({ path: path.join(SHOTS, `report-${size.use.viewport.width}x${size.use.viewport.height}.png`), fullPage: true });
    });
  });
}

test('printed: one A4 page and one Letter page, with the key text and no navigation or buttons', async ({ page }) => {
  await restore(page);
  await page.goto('/report');
  await expect(page.getByTestId('report-trend-chart')).toHaveCount(7);
  // The button prints.
  await page.evaluate(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => void (window as unknown as { __printed: number }).__printed++;
  });
  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

  for (const format of ['A4', 'Letter'] as const) {
    const { pages, text } = printToPdf(await page.pdf({ format }), `report-${format}`);
    expect(pages, `${format}: pages`).toBe(1);
    for (const key of keyTexts()) expect(text, `${format}: ${key}`).toContain(key);
    expect(text).not.toContain('Print or save as PDF');
    expect(text).not.toContain('Skip to content');
    expect(text).not.toMatch(/Today\s+Trends/);
  }
});

test.describe('clinician', () => {
  const EVE = { name: 'eve', password: 'eve-secret-5' };
  const CLINICIAN = { name: 'dr-ng', password: 'ng-secret-6' };
  let server: SyncServer;
  const basic = (who: { name: string; password: string }) => `Basic ${Buffer.from(`${who.name}:${who.password}`).toString('base64')}`;

  test.beforeAll(async () => {
    server = await startSyncServer({ port: SYNC_PORT, admin: { name: 'admin', password: 'admin-e2e' } });
    for (const p of [EVE, CLINICIAN]) await server.createPerson(p.name, p.password);
    // Eve's records, as her devices would have written them, shared with the clinician.
    const db = `${server.url}/${userDbName(EVE.name)}`;
    // Hers is the longest report: more red flags than the page lists (older than the one above), earlier ones, and a
    // latest snapshot whose numbers were both refused. It must still print on one page.
    const extraFlags = Array.from({ length: 12 }, (_, i) => ({
      id: `check-in-flag-${i}`,
      atMs: redFlagAtMs - (i + 1) * 1.5 * DAY_MS,
      sessionId: null,
      pain: 3,
      redFlags: ['sharp-pain', 'burning', 'tingling', 'nerve-symptoms'],
      comfortable: false,
    }));
    const refused = {
      ...tables.snapshots[0],
      id: 'snapshot-refused',
      takenAtMs: Date.now() - 3_600_000,
      headForwardDeg: null,
      headForwardSpreadDeg: null,
      trunkExtensionDeg: null,
      trunkExtensionSpreadDeg: null,
      refusals: {
        headForward: { code: 'ears-not-visible', message: 'Your ear is not visible. Turn side-on, and move hair, a hood or headphones away from the ear nearest the camera.' },
        trunkExtension: { code: 'hips-not-visible', message: 'Your hips are not visible. Step back so your hips are in the picture.' },
      },
    };
    const hers: Record<string, Record<string, unknown>[]> = { ...tables, checkIns: [...tables.checkIns, ...extraFlags], snapshots: [...tables.snapshots, refused] };
    const docs = (['sets', 'snapshots', 'checkIns', 'programme', 'rangeChecks'] as const satisfies readonly SyncedTable[]).flatMap((table) =>
      hers[table].map((record) => ({ _id: docIdOf(table, String(record.id)), table, record, editedAtMs: Date.now(), device: 'seed' })),
    );
    const put = await fetch(`${db}/_bulk_docs`, { method: 'POST', headers: { authorization: basic(EVE), 'content-type': 'application/json' }, body: JSON.stringify({ docs }) });
    expect(((await put.json()) as { ok?: boolean }[]).every((r) => r.ok)).toBe(true);
    const share = await fetch(`${db}/_security`, {
      method: 'PUT',
      headers: { authorization: basic(EVE), 'content-type': 'application/json' },
      body: JSON.stringify({ admins: { names: [EVE.name], roles: [] }, members: { names: [EVE.name, CLINICIAN.name], roles: [] } }),
    });
    expect(share.ok).toBe(true);
  });
  test.afterAll(async () => {
    await server?.close();
  });

  test.use(SIZES[1].use);

  test("a clinician opens a person's report from the list, prints it on one page, and goes back", async ({ page }) => {
    await page.goto('/clinician');
    await page.getByLabel('User name').fill(CLINICIAN.name);
    await page.getByLabel('Password').fill(CLINICIAN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('Add a person by their user name').fill(EVE.name);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const eve = page.locator('[data-testid="clinician-person"][data-person="eve"]');
    await expect(eve).toHaveAttribute('data-phase', 'shared');
    await eve.getByRole('button', { name: 'Report' }).click();

    const report = page.getByTestId('report');
    await expect(report.getByRole('heading', { level: 1 })).toHaveText('Progress report: eve');
    for (const text of keyTexts()) await expect(report).toContainText(text);
    await expect(report).toContainText("From eve's shared records");
    // Five red flags listed, newest first, then how many more; the refused snapshot says why.
    await expect(report.getByTestId('report-red-flags').locator('li')).toHaveCount(6);
    await expect(report.getByTestId('report-red-flags')).toContainText(/and \d+ more, the earliest on/);
    await expect(report.getByTestId('report-red-flags')).toContainText(/Before this period: \d+ check-ins? with a red flag/);
    await expect(report.getByTestId('report-snapshot')).toContainText('Head-forward not measured: Your ear is not visible.');
    await expect(page.getByRole('heading', { name: 'Clinician view' })).toBeHidden();
    await checkScreen(page, 'report-clinician', 'laptop');
    await page.screenshot({ path: path.join(SHOTS, 'report-clinician-1280x800.png'), fullPage: true });

    const { pages, text } = printToPdf(await page.pdf({ format: 'Letter' }), 'report-clinician-Letter');
    expect(pages).toBe(1);
    expect(text).toContain('Progress report: eve');
    expect(text).not.toContain('Clinician view');
    expect(text).not.toContain('Back to the clinician view');

    await page.getByRole('button', { name: 'Back to the clinician view' }).click();
    await expect(page.getByRole('heading', { name: 'Clinician view' })).toBeVisible();
    await expect(eve).toHaveAttribute('data-phase', 'shared');
    await expect(report).toHaveCount(0);
  });
});
