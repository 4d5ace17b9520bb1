// Restores a backup file through the Your data page, as a person would: choose the file, see
// the preview, add the records.
import { expect, type Page } from '@playwright/test';

export async function restoreBackup(page: Page, file: string): Promise<void> {
  await page.goto('/data');
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('import-plan')).toBeVisible();
  await page.getByRole('button', { name: 'Add these records' }).click();
  await expect(page.getByTestId('data-message')).toContainText('Restored');
}
