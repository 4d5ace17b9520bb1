import { expect, test } from '@playwright/test';

test('a posture reminder at a chosen time shows in the app when notifications are not allowed', async ({ page }) => {
  await page.clock.install({ time: new Date(2026, 10, 23, 8, 59, 30) });
  await page.goto('/');
  await page.getByRole('button', { name: 'Skip the guide: choose a stage' }).click();
  await page.getByRole('button', { name: 'Start the programme and my first set' }).click();
  await expect(page).toHaveURL(/\/session\?exercise=cat-cow/);
  await page.goto('/');
  await expect(page.getByTestId('today-stage')).toContainText('Stage 1 of 5');
  await page.getByRole('button', { name: 'Add a reminder' }).click();
  await expect(page.getByLabel('Reminder 1')).toHaveValue('09:00');
  // Headless Chromium has not been granted notifications: the app says so and offers to ask.
  await expect(page.getByTestId('notification-permission')).toContainText('Reminders will show inside the app');
  await expect(page.getByRole('button', { name: 'Also allow system notifications' })).toBeVisible();

  await page.clock.fastForward('01:00');
  const banner = page.getByRole('alert').filter({ hasText: 'Time for a posture check' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);

  // The reminder survives a reload.
  await page.reload();
  await expect(page.getByLabel('Reminder 1')).toHaveValue('09:00');
});
