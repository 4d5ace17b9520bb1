// Range checks on Trends: a chart per test with a mark per week, the sentences that say what each
// chart shows, the table, and the weekly decision that reads the range check (made by the app
// itself, when Today opens after a week that was not decided yet).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { checkScreen, SIZES } from './screens';
import { FIVE_WEEK_CHECKS, seedBackup, type Seeded } from './seed';
import { restoreBackup } from './restore';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trends-range-e2e-'));
const utcOffsetMinutes = -new Date().getTimezoneOffset();

/** Five weeks of training; a range check in each but the third. The last week's check gains 6° to the left. */
const CHECKS = FIVE_WEEK_CHECKS;
let seeded: Seeded;

test.beforeAll(async () => {
  seeded = await seedBackup(path.join(dir, 'range-checks.json'), { weeks: 5, stage: 2, snapshots: 2, utcOffsetMinutes, rangeChecks: CHECKS, lastWeekUndecided: true });
});

const restore = restoreBackup;

test('no range check yet: Trends says what it is and links to it', async ({ page }) => {
  await page.goto('/trends');
  const empty = page.getByTestId('range-check-empty');
  await expect(empty).toContainText('No range check yet');
  await expect(empty.getByRole('link', { name: 'do your first range check' })).toHaveAttribute('href', '/range');
});

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use(size.use);

    test(`range checks over 5 weeks: the decision reads them, Trends charts every week (${size.name})`, async ({ page }) => {
      expect(seeded.rangeChecks).toBe(4);
      const pending = seeded.pending!;
      expect(pending.range?.source).toBe('range-check');
      await restore(page, seeded.file);

      // The last week was left undecided: Today decides it now, with the range checks.
      await page.goto('/');
      const decision = page.getByTestId('today-decision');
      await expect(decision.locator('.decision-title')).toHaveAttribute('data-decision', pending.decision);
      await expect(decision.locator('li')).toHaveText([...pending.reasons]);
      await expect(decision.locator('li').first()).toContainText(
        "Range check this week against last week's: rotation to the left 48° (+6°, more than its 5° error), rotation to the right 44° (+1°, within its 5° error)",
      );
      await expect(decision.locator('li').first()).toContainText('Rotation to the left grew by more than the error, so you are still improving.');

      await page.goto('/trends');
      const expected = { 'head-position': [4, 4], 'standing-extension': [4, 4], 'overhead-reach': [4, 4], rotation: [4, 8] } as const;
      for (const [test, [weeks, points]] of Object.entries(expected)) {
        const chart = page.getByTestId(`chart-range-check-${test}`);
        await expect(chart).toHaveAttribute('data-weeks', String(weeks));
        await expect(chart).toHaveAttribute('data-points', String(points));
        // A mark per measured week and side (round or square), and a whisker per mark.
        await expect(chart.locator('.recharts-line-dots circle, .recharts-line-dots rect')).toHaveCount(points);
        await expect(chart.locator('.recharts-errorBar')).toHaveCount(points);
      }
      const rotation = page.getByTestId('range-summary-rotation');
      await expect(rotation).toContainText(/Rotation to the left: 4 weeks with a check, from 36° ± 1° in the week of .+ to 48° ± 1° in the week of .+; the last change was \+6°, more than its 5° error\./);
      await expect(rotation).toContainText(/Rotation to the right: 4 weeks with a check, from 40° ± 1° .+ to 44° ± 1° .+; the last change was \+1°, within its 5° error\./);
      await expect(page.getByTestId('range-summary-standing-extension')).toContainText(/from 6° ± 1° .+ to 8\.5° ± 1° .+; the last change was −0\.5°, within its 3° error\./);
      // The exercise's own charts are still there.
      await expect(page.getByTestId('chart-range')).toHaveAttribute('data-weeks', /\d/);
      // No tooltip left open by the pointer in the picture.
      await page.mouse.move(0, 0);
      await checkScreen(page, 'trends-range', size.name);

      // The chart's own name and description, for screen readers.
      const svg = page.getByTestId('chart-range-check-rotation').locator('svg.recharts-surface');
      await expect(svg.locator('title')).toHaveText('Seated rotation, weekly range check');
      await expect(svg.locator('desc')).toContainText('Rotation to the left: 4 weeks with a check');
      // Keyboard: the chart takes focus and the arrow keys step through the weeks.
      await expect(svg).toHaveAttribute('tabindex', '0');
      await svg.focus();
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('chart-range-check-rotation').locator('.recharts-tooltip-wrapper')).toContainText(/Week of .+left: \d+(\.\d)?° ± 1°/);

      await page.getByLabel('Show as tables').check();
      const rows = page.getByTestId('table-range-checks').locator('tbody tr');
      await expect(rows).toHaveCount(4);
      await expect(rows.last().locator('td').nth(3)).toHaveText('48° ± 1°+6°, more than its 5° error');
    });
  });
}
