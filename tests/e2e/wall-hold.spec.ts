import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { LANDMARK_NAMES } from '../../lib/pose/landmarks';
import { FIXTURES } from './fake-camera';
import { SessionPage } from './session-page';

// No real footage of wall holds exists, so this is a trace built from real landmarks and
// replayed through the page's counting: a real side-on standing pose (the walker still,
// measured by the model when the test runs) whose upper body is tilted back by the hold's
// extension angle around the hips. The wall hold needs a side-on neutral, so a
// three-quarter pose (such as the squats clip) would rightly be refused.
const STILL = 'images/sports2d_f150_walker_side_view_crop.jpg';
const FPS = 30;
const EXTENSION_DEG = 10;
const HOLDS_S = [11, 11, 11, 11, 11, 7, 11, 11, 11, 11, 11];
const UPPER_BODY = LANDMARK_NAMES.filter((n) => !/hip|knee|ankle|heel|foot/.test(n));

function measuredStill(dir: string): { base: number[][]; width: number; height: number } {
  const out = path.join(dir, 'still.jsonl');
  const report = JSON.parse(
    execFileSync('node_modules/.bin/tsx', ['tools/analyze/cli.ts', path.join(FIXTURES, STILL), '--json', '--landmarks', out], { maxBuffer: 1 << 24 }).toString(),
  ) as { width: number; height: number };
  const line = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]) as { landmarks: number[][] | null };
  if (!line.landmarks) throw new Error(`no pose found in ${STILL}`);
  return { base: line.landmarks, width: report.width, height: report.height };
}

function trace(dir: string): string {
  const { base, width: WIDTH, height: HEIGHT } = measuredStill(dir);
  const hip = [(base[23][0] + base[24][0]) / 2, (base[23][1] + base[24][1]) / 2];
  const facing = Math.sign(base[0][0] - (base[7][0] + base[8][0]) / 2) || 1;
  const posed = (deg: number) => {
    // Rotate the upper body so the shoulders move behind the hips by `deg`.
    const phi = (-facing * deg * Math.PI) / 180;
    return base.map(([x, y, z], i) => {
      if (!UPPER_BODY.includes(LANDMARK_NAMES[i])) return [x, y, z, 1];
      const dx = x - hip[0];
      const dy = y - hip[1];
      return [hip[0] + dx * Math.cos(phi) - dy * Math.sin(phi), hip[1] + dx * Math.sin(phi) + dy * Math.cos(phi), z, 1];
    });
  };
  const lines: string[] = [];
  let t = 0;
  const emit = (seconds: number, angleAt: (s: number) => number) => {
    for (let i = 0; i < seconds * FPS; i++, t += 1000 / FPS) {
      lines.push(JSON.stringify({ frame: lines.length, timestampMs: Math.round(t), width: WIDTH, height: HEIGHT, landmarks: posed(angleAt(i / FPS)) }));
    }
  };
  emit(4, () => 0); // neutral: calibration
  for (const hold of HOLDS_S) {
    emit(0.5, (s) => (EXTENSION_DEG * s) / 0.5);
    emit(hold, () => EXTENSION_DEG);
    emit(0.5, (s) => EXTENSION_DEG * (1 - s / 0.5));
    emit(7, () => 0); // rest
  }
  return lines.join('\n') + '\n';
}

test('wall hold: 10 holds of 11 s and one of 7 s give 10 reps, 1 short hold and 10 cues', async ({ page }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-hold-'));
  const file = path.join(dir, 'wall-hold.jsonl');
  writeFileSync(file, trace(dir));
  const session = new SessionPage(page);
  await session.open();
  await session.choose(/^Wall extension hold/, 10);
  await page.getByTestId('video-input').setInputFiles(file);
  await expect(session.summary()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('summary-reps')).toContainText(/^10/);
  await expect(page.getByTestId('summary-short-holds')).toHaveText('1');
  await expect(session.summary()).toHaveAttribute('data-cue-count', '10');
  await expect(session.summary().locator('table.holds tbody tr')).toHaveCount(11);
  await expect(session.summary()).toContainText('Set complete. Well done.');
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser.');
});
