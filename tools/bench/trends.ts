// npm run bench:trends: how long the trends page takes to show its charts with two years of
// twice-daily sessions, in headless Chromium against the production build. Prints the figures
// and writes bench-results/trends.json.
import 'fake-indexeddb/auto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SetSummary } from '../../lib/exercise/types';
import { exportBackup } from '../../lib/storage/backup';
import { PostureDb } from '../../lib/storage/db';
import type { SetRecord } from '../../lib/storage/set-record';
import { saveSet } from '../../lib/storage/sets';
import { launchChromium } from '../browser/chromium';
import { startApp } from '../harness/app-server';
import { ROOT } from '../harness/server';

const DAYS = 730;
const SESSIONS_PER_DAY = 2;
const RUNS = 5;
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const BUDGET_MS = 500;

function holdSummary(startedAtMs: number, rangeDeg: number): SetSummary {
  const holds = Array.from({ length: 10 }, (_, i) => {
    const startMs = startedAtMs + i * 16_000;
    return { startMs, endMs: startMs + 10_500, durationMs: 10_500, peakDeg: rangeDeg + (i % 3) * 0.3, medianDeg: rangeDeg - 1, completed: true, headForwardDeg: 48 };
  });
  return {
    exerciseId: 'wall-extension-hold',
    kind: 'hold',
    reps: 10,
    targetReps: 10,
    holds,
    shortHolds: 0,
    repTimesMs: [],
    loweringTimesMs: [],
    framesWithoutPose: 0,
    baselineDeg: 2,
    peakDeg: rangeDeg + 0.6,
    medianDeg: rangeDeg,
    startedAtMs,
    endedAtMs: startedAtMs + 160_000,
    complete: true,
  };
}

async function buildBackup(file: string, nowMs: number): Promise<number> {
  const db = new PostureDb(`bench-${process.pid}`);
  let n = 0;
  for (let d = DAYS; d >= 1; d--) {
    for (let k = 0; k < SESSIONS_PER_DAY; k++) {
      const startedAt = nowMs - d * 86_400_000 + k * 9 * 3_600_000;
      const range = 6 + (DAYS - d) * 0.01 + Math.sin(d) * 1.5;
      const record: SetRecord = {
        id: `set-${d}-${k}`,
        exerciseId: 'wall-extension-hold',
        exerciseName: 'Wall extension hold',
        startedAt,
        updatedAt: startedAt + 160_000,
        status: 'complete',
        source: 'camera',
        engine: 'mediapipe',
        model: 'full',
        targetReps: 10,
        summary: holdSummary(startedAt, range),
        counterState: null,
      };
      await saveSet(db, record);
      n++;
    }
  }
  await writeFile(file, JSON.stringify(await exportBackup(db)));
  await db.delete();
  return n;
}

async function main() {
  const file = path.join(os.tmpdir(), `bench-trends-${process.pid}.json`);
  const sets = await buildBackup(file, Date.now());
  const server = await startApp(PORT, '/trends');
  const { origin } = server;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${origin}/data`);
    await page.getByTestId('import-input').setInputFiles(file);
    await page.getByRole('button', { name: 'Add these records' }).click({ timeout: 120_000 });
    await page.getByTestId('data-message').filter({ hasText: 'Restored' }).waitFor({ timeout: 120_000 });

    const measure = async (period: string) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto(`${origin}/trends`);
        if (period !== '12w') {
          await page.getByRole('combobox', { name: 'Period' }).selectOption(period);
          await page.waitForTimeout(50);
        }
        await page.waitForFunction(() => performance.getEntriesByName('trends-rendered').length > 0, null, { timeout: 60_000 });
        await page.locator('[data-testid=chart-range] .recharts-scatter-symbol').first().waitFor();
        const t = await page.evaluate(() => {
          const rendered = performance.getEntriesByName('trends-rendered')[0].startTime;
          const loaded = performance.getEntriesByName('trends-data-loaded')[0]?.startTime ?? NaN;
          return { rendered, loaded };
        });
        times.push(t.rendered);
        if (i === 0) console.log(`  ${period}: data read from IndexedDB at ${t.loaded.toFixed(0)} ms after navigation start`);
      }
      times.sort((a, b) => a - b);
      return { medianMs: times[Math.floor(times.length / 2)], runsMs: times };
    };
    const recent = await measure('12w');
    const result = {
      date: new Date().toISOString(),
      sets,
      sessions: sets,
      days: DAYS,
      what: 'navigation start to first charts painted (performance mark), production build, headless Chromium',
      defaultView12Weeks: recent,
      budgetMs: BUDGET_MS,
      cpuCount: os.cpus().length,
    };
    console.log(`trends page, ${sets} sessions over ${DAYS} days: charts on screen after ${recent.medianMs.toFixed(0)} ms (median of ${RUNS}; budget ${BUDGET_MS} ms)`);
    await mkdir(path.join(ROOT, 'bench-results'), { recursive: true });
    await writeFile(path.join(ROOT, 'bench-results', 'trends.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
