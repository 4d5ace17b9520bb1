import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../lib/storage/backup-schema';
import { seedBackup, type Seeded } from './seed';

const dir = mkdtempSync(path.join(os.tmpdir(), 'progress-e2e-'));
// Browser and seed agree on local time: both run on this machine.
const utcOffsetMinutes = -new Date().getTimezoneOffset();
let seeded: Seeded;

test.beforeAll(async () => {
  // Two range checks too, so the round trip below carries that table.
  const rangeChecks = [{ reach: 150, 'rotation-left': 40, 'rotation-right': 41 }, { reach: 151, 'rotation-left': 42, 'rotation-right': 41 }];
  seeded = await seedBackup(path.join(dir, 'eight-weeks.json'), { weeks: 8, stage: 2, snapshots: 4, utcOffsetMinutes, rangeChecks });
});

async function importFile(page: Page, file: string) {
  await page.goto('/data');
  await page.getByTestId('import-input').setInputFiles(file);
}

async function restore(page: Page, file: string) {
  await importFile(page, file);
  await expect(page.getByTestId('import-plan')).toBeVisible();
  await page.getByRole('button', { name: 'Add these records' }).click();
  await expect(page.getByTestId('data-message')).toContainText('Restored');
}

async function backup(page: Page): Promise<Record<string, unknown>> {
  await page.goto('/data');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download a full backup (JSON)' }).click();
  const file = path.join(dir, `export-${Date.now()}.json`);
  await (await download).saveAs(file);
  const json = JSON.parse(readFileSync(file, 'utf8')) as { exportedAt: string; tables: Record<string, unknown> };
  return json.tables;
}

test('8 weeks of sessions: trends draw every session and week, Today shows the decision', async ({ page }) => {
  expect(seeded.weeksWithSessions).toBe(8);
  await restore(page, seeded.file);

  await page.goto('/trends');
  // Steady gains move the programme on after 6 weeks: both stages' exercises have data.
  const exercises = Object.entries(seeded.byExercise);
  expect(exercises.length).toBeGreaterThanOrEqual(2);
  expect(exercises.reduce((n, [, e]) => n + e.weeks, 0)).toBe(8);
  const range = page.getByTestId('chart-range');
  for (const [id, expected] of exercises) {
    await page.getByRole('combobox', { name: 'Exercise' }).selectOption(id);
    await expect(range).toHaveAttribute('data-points', String(expected.sessions));
    await expect(range).toHaveAttribute('data-weeks', String(expected.weeks));
    await expect(range.locator('.recharts-scatter-symbol')).toHaveCount(expected.sessions);
  }
  const [longest, most] = exercises.sort((a, b) => b[1].sessions - a[1].sessions)[0];
  await page.getByRole('combobox', { name: 'Exercise' }).selectOption(longest);
  await expect(page.getByTestId('chart-head-forward')).toHaveAttribute('data-points', '4');
  await expect(page.getByTestId('stage-timeline').locator('li')).toHaveCount(seeded.programme.history.length + 1);

  await page.getByLabel('Show as tables').check();
  const weekRows = page.getByTestId('table-weeks').locator('tbody tr');
  expect(await weekRows.count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId('table-sessions').locator('tbody tr')).toHaveCount(most.sessions);

  await page.goto('/');
  await expect(page.getByTestId('today-stage')).toContainText(`Stage ${seeded.programme.stage} of 5`);
  const decision = page.getByTestId('today-decision');
  const last = seeded.programme.history[seeded.programme.history.length - 1];
  await expect(decision.locator('.decision-title')).toHaveAttribute('data-decision', last.decision);
  await expect(decision.locator('li').first()).toHaveText(last.reasons[0]);
});

test('export, wipe, import gives back identical data', async ({ page }) => {
  await restore(page, seeded.file);
  const before = await backup(page);
  expect(before.rangeChecks).toHaveLength(2);

  await page.getByLabel('Type delete to confirm').fill('delete');
  await page.getByRole('button', { name: 'Delete all my data' }).click();
  await expect(page.getByTestId('data-message')).toContainText('All data deleted');
  const empty = await backup(page);
  expect(Object.values(empty).every((t) => Array.isArray(t) && t.length === 0)).toBe(true);

  const exported = path.join(dir, 'round-trip.json');
  writeFileSync(exported, JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date().toISOString(), tables: before }));
  await restore(page, exported);
  expect(await backup(page)).toEqual(before);
});

test('bad backup files are refused with a reason and change nothing', async ({ page }) => {
  await restore(page, seeded.file);
  const before = await backup(page);
  const text = readFileSync(seeded.file, 'utf8');
  const cases: [string, string | Buffer, RegExp][] = [
    ['truncated.json', text.slice(0, Math.floor(text.length / 2)), /not complete JSON/],
    ['wrong-shape.json', JSON.stringify({ hello: 1 }), /not a Posture tracker backup/],
    ['random.json', randomBytes(10 * 1024 * 1024), /not a Posture tracker backup/],
  ];
  for (const [name, content, message] of cases) {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    await importFile(page, file);
    const shown = page.getByTestId('data-message');
    await expect(shown).toHaveAttribute('data-kind', 'error');
    await expect(shown).toContainText(message);
    await expect(shown).toContainText('Nothing was imported');
    await expect(page.getByTestId('import-plan')).toHaveCount(0);
  }
  expect(await backup(page)).toEqual(before);
});
