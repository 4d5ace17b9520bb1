import { expect, type Page } from '@playwright/test';

/** Page object for /session. */
export class SessionPage {
  constructor(readonly page: Page) {}

  async open(engine: 'mediapipe' | 'tfjs' = 'mediapipe', model: 'lite' | 'full' | 'heavy' = 'full', query = '') {
    await this.page.goto(`/session?engine=${engine}&model=${model}${query ? `&${query}` : ''}`);
    await expect(this.page.getByRole('heading', { name: 'Exercise session' })).toBeVisible();
  }

  async choose(exerciseName: RegExp, target?: number) {
    const select = this.page.getByRole('combobox', { name: 'Exercise' });
    const value = await select.locator('option', { hasText: exerciseName }).first().getAttribute('value');
    await select.selectOption(value!);
    if (target !== undefined) await this.page.getByRole('spinbutton', { name: /Target/ }).fill(String(target));
  }

  startButton() {
    return this.page.getByRole('button', { name: /^Start the set/ });
  }

  /** Waits for the engine to be loaded, then starts the camera set. */
  async startWithCamera() {
    await expect(this.startButton()).toBeEnabled({ timeout: 90_000 });
    await expect(this.page.getByRole('status').filter({ hasText: 'The pose model is loaded' })).toBeVisible({ timeout: 90_000 });
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

  /** The set's phase: idle, starting, setup, running, paused or done. */
  phase() {
    return this.page.locator('[data-set-phase]');
  }

  endButton() {
    return this.page.getByRole('button', { name: 'End set' });
  }

  summary() {
    return this.page.getByTestId('set-summary');
  }
}
