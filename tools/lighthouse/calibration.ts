// The CPU slowdown that makes a Lighthouse run on this machine stand for a mid-tier phone, from
// the machine's benchmark index. Lighthouse's docs/throttling.md ("Calibrating multipliers")
// says the default 4x is right only for a machine of the speed it was tuned on, and points to
// its CPU throttling calculator (https://lighthouse-cpu-throttling-calculator.vercel.app/,
// source github.com/patrickhulce/lighthouse-cpu-throttling-calculator, pages/index.js) to pick
// the multiplier from the benchmark index that every Lighthouse run reports
// (`lhr.environment.benchmarkIndex`). Its piecewise-linear table, as the calculator gives it:
//
//   benchmark index   multiplier
//   2000              6x
//   1766              5x
//   1533              4x
//   1300              3x
//   800               2x
//   150               1x
//
// (beyond 2000 the first line goes on: +1x per 233). Below 150 the machine is slower than the
// phone itself: no slowdown can make it one, so 1x is used and the run is flagged.

/** The calculator's lowest benchmark index: at or below it no slowdown is applied. */
export const MIN_CALIBRATED_INDEX = 150;

/** The CPU slowdown for a machine of this benchmark index (the calculator's `multiplier`). */
export function cpuMultiplierFor(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= MIN_CALIBRATED_INDEX) return 1;
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  return 1 + (benchmarkIndex - 150) / 650;
}

/** The multiplier as Lighthouse is given it: two decimals. */
export const roundMultiplier = (m: number): number => Math.round(m * 100) / 100;
