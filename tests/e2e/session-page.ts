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

/**
 * Records what the set page shows, on every animation frame where it changes: ms since the page
 * loaded, then phase | cue | detail | angle | count | frames measured. Call before the page is
 * opened (it is installed on every page load); read it with `setTrace` to explain a wrong count.
 */
export async function recordSetTrace(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { __setTrace: string[] }).__setTrace = log;
    let last = '';
    const text = (selector: string) => document.querySelector(selector)?.textContent?.trim().slice(0, 70) ?? '';
    const tick = () => {
      const state = [
        document.querySelector('[data-set-phase]')?.getAttribute('data-set-phase') ?? '',
        text('[data-testid=cue-text]'),
        text('.focus-detail'),
        document.querySelector('[role=img][aria-label^=Angle]')?.getAttribute('aria-label') ?? '',
        text('[data-testid=rep-count]'),
        String((window as unknown as { __postureLive?: { frames: number } }).__postureLive?.frames ?? ''),
      ].join(' | ');
      if (state !== last && log.length < 5000) log.push(`${Math.round(performance.now())} ${state}`);
      last = state;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** The trace `recordSetTrace` kept on the current page, one line a change. */
export async function setTrace(page: Page): Promise<string> {
  const log = await page.evaluate(() => (window as unknown as { __setTrace?: string[] }).__setTrace ?? []);
  return `what the set page showed (ms | phase | cue | detail | angle | count | frames):\n${log.join('\n')}`;
}
