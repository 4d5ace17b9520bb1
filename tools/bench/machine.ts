// The machine's speed beside a benchmark's rows: Lighthouse's benchmark index (the loop Lighthouse
// uses to calibrate its CPU slowdown; higher is faster), so two runs are compared only where the
// machine ran at about the same speed.
import type { Page } from 'playwright-core';
import { pageFunctions } from 'lighthouse/core/lib/page-functions.js';

/** Lighthouse's benchmark index, measured in a blank page of `host` (a browser or a context): the median of three. */
export async function machineIndex(host: { newPage(): Promise<Page> }): Promise<number> {
  const page = await host.newPage();
  try {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push(await page.evaluate(pageFunctions.computeBenchmarkIndex));
    return Math.round(runs.sort((a, b) => a - b)[1]);
  } finally {
    await page.close();
  }
}
