import { expect, type Page } from '@playwright/test';

/** Page object for /live. */
export class LivePage {
  constructor(readonly page: Page) {}

  async open(engine: 'mediapipe' | 'tfjs' = 'mediapipe', model: 'lite' | 'full' | 'heavy' = 'lite') {
    await this.page.goto(`/live?engine=${engine}&model=${model}`);
    await expect(this.page.getByRole('heading', { name: 'Live view' })).toBeVisible();
  }

  startButton() {
    return this.page.getByRole('button', { name: /Start camera|Try again/ }).first();
  }

  alert() {
    // Next.js keeps an empty route announcer with role=alert; problems carry data-problem.
    return this.page.locator('[role="alert"][data-problem]');
  }

  skeleton() {
    return this.page.getByTestId('skeleton');
  }

  /** Landmarks drawn on the overlay in the most recent frame. */
  async landmarkCount(): Promise<number> {
    return Number(await this.skeleton().getAttribute('data-landmarks'));
  }

  async fps(): Promise<number> {
    const text = (await this.page.getByTestId('hud-fps').textContent()) ?? '';
    return Number.parseFloat(text);
  }

  /** Number of overlay pixels that are not transparent. */
  async overlayInk(): Promise<number> {
    return this.skeleton().evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0) return 0;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
      return ink;
    });
  }
}
