// Every page at phone and laptop size, and what Trends says about a programme started today.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { FIXTURES } from './fake-camera';
import { checkScreen, SIZES } from './screens';
import { SessionPage } from './session-page';

async function startProgramme(page: Page, stage: RegExp) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Skip the guide: choose a stage' }).click();
  await page.getByRole('radio', { name: stage }).check();
  await page.getByRole('button', { name: 'Start the programme and my first set' }).click();
  await expect(page).toHaveURL(/\/session\?/);
}

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use(size.use);

    test(`pages without a camera (${size.name}): no sideways scrolling, no serious accessibility problem, nothing the content policy refuses`, async ({ page }) => {
      // Anything the Content-Security-Policy refuses (an eval, an inline handler, a request
      // elsewhere) is reported by the browser as a policy violation, caught or not.
      const violations: string[] = [];
      await page.exposeFunction('reportPolicyViolation', (v: string) => violations.push(v));
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { reportPolicyViolation(v: string): void }).reportPolicyViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} (${e.sourceFile})`),
        ),
      );
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
      await checkScreen(page, 'today-first-visit', size.name);
      if (size.name === 'phone') {
        // The navigation fits: a Menu button, then links large enough to touch.
        const menu = page.getByRole('button', { name: 'Menu' });
        await expect(menu).toHaveAttribute('aria-expanded', 'false');
        await menu.click();
        await expect(menu).toHaveAttribute('aria-expanded', 'true');
        const trends = page.getByRole('link', { name: 'Trends' });
        await expect(trends).toBeInViewport();
        expect((await trends.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        await checkScreen(page, 'navigation-open', size.name, { fullPage: false });
      } else {
        for (const name of ['Today', 'Exercise', 'Trends', 'Your data', 'Settings']) await expect(page.getByRole('link', { name, exact: true })).toBeInViewport();
      }
      await page.goto('/trends');
      await expect(page.getByTestId('trends-empty')).toBeVisible();
      await checkScreen(page, 'trends-empty', size.name);
      await page.goto('/data');
      await checkScreen(page, 'data', size.name);
      await expect(page.getByTestId('wipe-sync-warning')).toHaveCount(0);
      // A refused import is explained next to the file picker, before "Delete everything".
      await page.getByTestId('import-input').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":') });
      const message = page.getByTestId('data-message');
      await expect(message).toHaveAttribute('data-kind', 'error');
      const [messageBox, pickerBox, deleteBox] = await Promise.all([
        message.boundingBox(),
        page.getByTestId('import-input').boundingBox(),
        page.getByRole('heading', { name: 'Delete everything' }).boundingBox(),
      ]);
      expect(messageBox!.y).toBeGreaterThan(pickerBox!.y);
      expect(messageBox!.y).toBeLessThan(deleteBox!.y);
      await checkScreen(page, 'data-import-refused', size.name);
      await page.goto('/settings');
      await expect(page.getByTestId('engine-choice')).toContainText('Automatic');
      await checkScreen(page, 'settings', size.name);
      await page.goto('/session');
      await checkScreen(page, 'session-choose', size.name);
      await page.goto('/clinician');
      await expect(page.getByRole('heading', { name: 'Clinician view' })).toBeVisible();
      await checkScreen(page, 'clinician-login', size.name);
      expect(violations).toEqual([]);
    });
  });
}

test.describe('trends', () => {
  test.use(SIZES[1].use);

  test('a programme started today shows no past prescribed weeks; a squat set creates no prescription', async ({ page }) => {
    test.setTimeout(150_000);
    await startProgramme(page, /Stage 2, Static holds/);
    await page.goto('/trends');
    await page.getByLabel('Show as tables').check();
    const weeks = page.getByTestId('table-weeks').locator('tbody tr');
    // Only this week: nothing before the programme began.
    await expect(weeks).toHaveCount(1);
    const prescribed = Number(await weeks.first().locator('td').nth(3).textContent());
    const daysLeft = 7 - ((new Date().getDay() + 6) % 7);
    expect(prescribed).toBe(Math.max(1, Math.round((14 * daysLeft) / 7)));

    // A squat set, counted from a recorded video: it shows in Trends, unprescribed.
    const session = new SessionPage(page);
    await session.open('mediapipe', 'full', 'exercise=squat&target=10');
    await expect(page.getByRole('status').filter({ hasText: 'The pose model is loaded' })).toBeVisible({ timeout: 90_000 });
    await page.getByTestId('video-input').setInputFiles(path.join(FIXTURES, 'videos/tfjs_pose_squats.mp4'));
    await expect(session.summary()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('summary-reps')).toContainText(/^2/);

    await page.goto('/trends');
    await page.getByRole('combobox', { name: 'Exercise' }).selectOption('squat');
    await expect(page.getByTestId('chart-range')).toHaveAttribute('data-points', '1');
    await expect(page.getByTestId('not-prescribed')).toContainText('Squat is not part of your programme');
    await expect(page.getByTestId('chart-adherence')).toHaveAttribute('data-prescribed', '0');
    // One session: readable, and it says what comes with more.
    await expect(page.getByTestId('range-hint')).toContainText('One session so far');
    await expect(page.getByTestId('chart-range').locator('.recharts-scatter-symbol')).toHaveCount(1);
    const dot = page.getByTestId('chart-range').locator('.recharts-scatter-symbol circle');
    expect(Number(await dot.getAttribute('r'))).toBeGreaterThanOrEqual(6);
    // Weeks are named by their dates, not "2026-W48".
    await expect(page.getByTestId('chart-range')).not.toContainText(/\d{4}-W\d\d/);
    await checkScreen(page, 'trends-one-session', SIZES[1].name);
    await page.getByLabel('Show as tables').check();
    await expect(page.getByTestId('table-weeks').locator('tbody tr td').nth(3)).toHaveText('–');
    await page.getByRole('combobox', { name: 'Exercise' }).selectOption('wall-extension-hold');
    await expect(page.getByTestId('table-weeks').locator('tbody tr')).toHaveCount(1);
    expect(Number(await page.getByTestId('table-weeks').locator('tbody tr').first().locator('td').nth(3).textContent())).toBe(prescribed);
  });
});
