// Progress beyond pain: the check-in's optional questions (upper-back tension, last night's
// sleep, how turning and reaching felt) answered after a real set, then seen on Trends and in
// the sessions CSV; and five seeded weeks of answers charted on Trends, with the weekly decision
// that says them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { CheckInRecord } from '../../lib/storage/check-in-record';
import { FIXTURES } from './fake-camera';
import { checkScreen, SCREENS_DIR, SIZES } from './screens';
import { seedBackup } from './seed';
import { SessionPage } from './session-page';
import { restoreBackup } from './restore';

const dir = mkdtempSync(path.join(os.tmpdir(), 'check-in-feel-e2e-'));
const utcOffsetMinutes = -new Date().getTimezoneOffset();
const WEEKS = 5;
let seededFile: string;

test.beforeAll(async () => {
  // Five weeks of holds with two pain-free check-ins each; the answers beyond pain are added to
  // the backup's check-ins: tension easing from 6 to 2, sleep better, turning easier later on.
  const seeded = await seedBackup(path.join(dir, 'feel.json'), { weeks: WEEKS, stage: 2, utcOffsetMinutes, lastWeekUndecided: true });
  const backup = JSON.parse(readFileSync(seeded.file, 'utf8')) as { tables: { checkIns: CheckInRecord[] } };
  const ordered = [...backup.tables.checkIns].sort((a, b) => a.atMs - b.atMs);
  expect(ordered).toHaveLength(2 * WEEKS);
  backup.tables.checkIns = ordered.map((c, j) => {
    const week = Math.floor(j / 2);
    return {
      ...c,
      pain: week === 1 ? 2 : c.pain,
      tension: 6 - week,
      sleep: week < 2 ? 'poor' : j % 2 ? 'good' : 'fair',
      turning: week < 2 ? 'same' : 'easier',
      ...(week === WEEKS - 1 && j % 2 ? { reaching: 'harder' as const } : {}),
    };
  });
  seededFile = path.join(dir, 'feel-answers.json');
  writeFileSync(seededFile, JSON.stringify(backup));
});

const restore = restoreBackup;

test.describe('after a set', () => {
  test.use(SIZES[0].use);

  test('the check-in asks beyond pain, each answer optional; the answers reach Trends and the CSV', async ({ page }) => {
    test.setTimeout(240_000);
    const session = new SessionPage(page);
    await session.open();
    await session.choose(/^Push-up/, 20);
    await expect(page.getByRole('status').first()).toContainText('The pose model is loaded', { timeout: 90_000 });
    await page.getByTestId('video-input').setInputFiles(path.join(FIXTURES, 'videos/mpdocs_pushups_side_OVERLAY.mp4'));
    await expect(session.summary()).toBeVisible({ timeout: 90_000 });
    const form = page.getByRole('form', { name: 'How did that feel?' });
    await expect(form).toBeVisible({ timeout: 30_000 });
    await expect(form).toHaveAttribute('data-what', 'set');

    // Each question is a group named by its legend; the chips are radios named by their words.
    const group = (name: RegExp) => form.getByRole('group', { name });
    await expect(group(/^Pain during or after the set/)).toBeVisible();
    const tension = group(/^Upper-back tension or stiffness now \(0 none – 10 worst\)/);
    const sleep = group(/^Last night's sleep/);
    const turning = group(/^Compared with last week, turning to look behind you felt/);
    const reaching = group(/^Compared with last week, reaching overhead felt/);
    await expect(tension.getByRole('radio')).toHaveCount(11);
    await expect(sleep.getByRole('radio')).toHaveCount(3);
    for (const g of [turning, reaching]) await expect(g.getByRole('radio')).toHaveCount(3);
    // Optional: none is required, and Save waits only for pain and comfortable.
    for (const g of [tension, sleep, turning, reaching]) for (const r of await g.getByRole('radio').all()) await expect(r).not.toHaveAttribute('required');
    // Touch targets of at least 44 px.
    for (const chip of [tension.locator('label.choice').first(), sleep.locator('label.choice').first(), turning.locator('label.choice').last()]) {
      const box = (await chip.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }
    const save = form.getByRole('button', { name: 'Save check-in' });
    await expect(save).toBeDisabled();

    await group(/^Pain during or after the set/).getByRole('radio', { name: '2', exact: true }).check();
    await group(/^Was the exercise comfortable/).getByRole('radio', { name: 'Yes' }).check();
    await tension.getByRole('radio', { name: '3', exact: true }).check();
    await sleep.getByRole('radio', { name: 'Good' }).check();
    await turning.getByRole('radio', { name: 'Easier' }).check();
    // An answer can be taken back: reaching is left unanswered.
    await reaching.getByRole('radio', { name: 'Harder' }).check();
    await reaching.getByRole('button', { name: 'Clear this answer' }).click();
    await expect(reaching.getByRole('radio', { checked: true })).toHaveCount(0);
    // Keyboard: arrow keys move within a group.
    await sleep.getByRole('radio', { name: 'Good' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(sleep.getByRole('radio', { name: 'Fair' })).toBeChecked();
    await page.keyboard.press('ArrowRight');
    await expect(sleep.getByRole('radio', { name: 'Good' })).toBeChecked();
    await expect(save).toBeEnabled();

    await form.scrollIntoViewIfNeeded();
    await checkScreen(page, 'check-in-feel', 'phone');
    await form.screenshot({ path: path.join(SCREENS_DIR, 'check-in-feel-form-phone.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await checkScreen(page, 'check-in-feel', 'laptop');
    await form.screenshot({ path: path.join(SCREENS_DIR, 'check-in-feel-form-laptop.png') });
    await page.setViewportSize({ width: 390, height: 844 });

    await save.click();
    await expect(page.getByTestId('check-in-saved')).toContainText('Check-in saved');

    await page.goto('/trends');
    const section = page.getByTestId('feel-section');
    await expect(section.getByRole('heading', { name: 'How it felt: pain, tension, sleep and movement' })).toBeVisible();
    const latest = (tiles: Record<string, string>) =>
      Promise.all(Object.entries(tiles).map(([id, text]) => expect(section.getByTestId(`feel-latest-${id}`).locator('dd')).toHaveText(text)));
    await latest({ pain: '2/10', tension: '3/10', sleep: '1 of 1 night', turning: 'easier 1, harder 0' });
    await expect(section.getByTestId('feel-latest-reaching')).toHaveCount(0);
    await expect(section.getByTestId('chart-feel')).toHaveAttribute('data-weeks', '1');
    await expect(section.locator('[data-series="pain"] .feel-mark')).toHaveCount(1);
    await expect(section.locator('[data-series="tension"] .feel-mark')).toHaveAttribute('data-value', '3');
    await expect(section.getByTestId('feel-sleep').locator('tbody td[data-answer="good"]')).toHaveText('1');
    await expect(section.getByTestId('feel-turning').locator('tbody td[data-answer="easier"]')).toHaveText('1');
    await expect(section.getByTestId('feel-reaching')).toContainText('Not answered in this period.');

    // The sessions CSV has the answers beside pain.
    await page.goto('/data');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download sessions as a spreadsheet (CSV)' }).click();
    const file = path.join(dir, 'sessions.csv');
    await (await download).saveAs(file);
    const [header, row] = readFileSync(file, 'utf8').split('\r\n').map((l) => l.split(','));
    const col = (name: string) => row[header.indexOf(name)];
    expect([col('pain'), col('tension'), col('sleep'), col('turning'), col('reaching'), col('comfortable')]).toEqual(['2', '3', 'good', 'easier', '', 'yes']);
  });
});

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use(size.use);

    test(`five weeks of answers: Trends charts pain and tension, counts sleep and movement; the decision says them (${size.name})`, async ({ page }) => {
      await restore(page, seededFile);

      // The last week was left undecided: Today decides it now and says how it felt.
      await page.goto('/');
      const decision = page.getByTestId('today-decision');
      await expect(decision.locator('li').filter({ hasText: /^Upper-back tension averaged/ })).toHaveText(
        'Upper-back tension averaged 2/10 over 2 check-ins, down from 3/10 the week before; sleep was good on 1 of 2 nights rated, fair on 1; turning to look behind you felt easier 2 times, harder 0; reaching overhead felt easier 0, harder once.',
      );

      await page.goto('/trends');
      const section = page.getByTestId('feel-section');
      const chart = section.getByTestId('chart-feel');
      await expect(chart).toHaveAttribute('data-weeks', String(WEEKS));
      await expect(chart.locator('[data-series="pain"] .feel-mark')).toHaveCount(WEEKS);
      await expect(chart.locator('[data-series="tension"] .feel-mark')).toHaveCount(WEEKS);
      await expect(chart.locator('[data-series="tension"] .feel-mark').last()).toHaveAttribute('data-value', '2');
      await expect(chart.locator('svg[role="img"] title')).toHaveText('Pain and upper-back tension, week by week');
      await expect(section.getByTestId('feel-summary')).toContainText(/Upper-back tension \(the week's average\): 5 weeks, from 6\/10 in the week of .+ to 2\/10 in the week of .+ \(down 4\)\./);
      await expect(section.getByTestId('feel-summary')).toContainText(/Pain \(the week's highest\): 5 weeks, from 0\/10 .+ to 0\/10 .+ \(no change; highest 2\/10 in the week of .+\)\./);
      await expect(section.getByTestId('feel-latest').locator('dd')).toHaveText(['0/10', '2/10', '1 of 2 nights', 'easier 2, harder 0', 'easier 0, harder 1']);
      await expect(section.getByTestId('feel-latest').locator('dt')).toHaveText(['Pain, highest', 'Tension, average', 'Slept well', 'Turning felt', 'Reaching felt']);
      await expect(section.getByTestId('feel-sleep').locator('tbody tr')).toHaveCount(WEEKS);
      await expect(section.getByTestId('feel-sleep').locator('tbody tr').first().locator('td[data-answer="poor"]')).toHaveText('2');
      await expect(section.getByTestId('feel-turning').locator('tbody tr').last().locator('td[data-answer="easier"]')).toHaveText('2');
      await expect(section.getByTestId('feel-reaching').locator('tbody tr')).toHaveCount(1);
      await page.mouse.move(0, 0);
      await section.scrollIntoViewIfNeeded();
      await checkScreen(page, 'trends-feel', size.name);
      await section.screenshot({ path: path.join(SCREENS_DIR, `trends-feel-section-${size.name}.png`) });

      await page.getByLabel('Show as tables').check();
      const rows = section.getByTestId('table-feel').locator('tbody tr');
      await expect(rows).toHaveCount(WEEKS);
      await expect(rows.nth(1).locator('td')).toHaveText(['2', '2/10', '5/10 (2 answers)']);
      await section.screenshot({ path: path.join(SCREENS_DIR, `trends-feel-tables-${size.name}.png`) });

      // A shorter period shows fewer weeks (3 or 4 of them have check-ins in the last 28 days, by the day of the week).
      await page.getByRole('combobox', { name: 'Period' }).selectOption('4w');
      await expect.poll(() => section.getByTestId('table-feel').locator('tbody tr').count()).toBeLessThan(WEEKS);
      expect(await section.getByTestId('table-feel').locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    });
  });
}
