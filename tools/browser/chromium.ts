import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that keep headless Chromium quiet on a machine without internet access. Playwright
 * gives every launch a fresh, temporary profile directory.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Camera flags: a y4m file as the only camera, and (optionally) permission auto-granted. */
export function fakeCameraArgs(y4mFile: string | null, { autoAccept = true } = {}): string[] {
  return [
    ...(y4mFile ? ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4mFile}`] : []),
    ...(autoAccept ? ['--use-fake-ui-for-media-stream'] : []),
  ];
}

export function chromiumLaunchOptions(extraArgs: string[] = []): LaunchOptions {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install Debian's "chromium" package or set CHROMIUM_PATH.`);
  }
  return { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] };
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(extraArgs));
}
