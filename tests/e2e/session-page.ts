import { expect, type Page } from '@playwright/test';

/** Page object for /session. */
export class SessionPage {
  constructor(readonly page: Page) {}

  async open(engine: 'mediapipe' | 'tfjs' = 'mediapipe', model: 'lite' | 'full' | 'heavy' = 'full') {
    await this.page.goto(`/session?engine=${engine}&model=${model}`);
    await expect(this.page.getByRole('heading', { name: 'Exercise session' })).toBeVisible();
  }

  async choose(exerciseName: RegExp, target?: number) {
    const select = this.page.getByRole('combobox', { name: 'Exercise' });
    const value = await select.locator('option', { hasText: exerciseName }).first().getAttribute('value');
    await select.selectOption(value!);
    if (target !== undefined) await this.page.getByRole('spinbutton', { name: /Target/ }).fill(String(target));
  }

  startButton() {
    return this.page.getByRole('button', { name: 'Start the set with the camera' });
  }

  /** Waits for the engine to be loaded, then starts the camera set. */
  async startWithCamera() {
    await expect(this.startButton()).toBeEnabled({ timeout: 90_000 });
    await expect(this.page.getByRole('status').first()).toContainText('The pose model is loaded', { timeout: 90_000 });
    await this.startButton().click();
  }

  repCount() {
    return this.page.getByTestId('rep-count');
  }

  async reps(): Promise<number> {
    return Number.parseInt((await this.repCount().textContent()) ?? '', 10);
  }

  cueText() {
    return this.page.getByTestId('cue-text');
  }

  summary() {
    return this.page.getByTestId('set-summary');
  }
}
