// The daily routine (/routine) end to end with the fake camera. The camera plays the rendered
// figure's cat-cow (fixtures synthetic/routine/catcow_A.mp4: a render with exact truth, 5 cycles,
// side-on on all fours; no real clip of cat-cow exists). The programme is on stage 1, whose
// exercise is cat-cow (30 s, its cycles counted), so the routine is: foam roll (timed, 60 s), the
// stage's cat-cow, and the band pull-apart; the twists, the thoracic bridge and the roller
// mobilisation are turned off in Settings first (no footage of them exists, real or rendered).
// The band pull-apart sees a person on all fours, side-on: it is refused (wrong position and
// view) and counts nothing. A reload in the middle carries on at the step it was in.
import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile } from './fake-camera';
import { bothSizes, DAY_MS, putRecord, readTable } from './range-helpers';
import { countRecords } from './screens';
import { startProgramme } from '../../lib/progression';
import { PROGRAMME_KEY, type ProgrammeRecord } from '../../lib/storage/programme-record';

const camera = () => fakeCameraFile('synthetic/routine/catcow_A.mp4', { whole: true, fps: 15, leadInS: 1 });
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera())) });

const run = (page: Page) => page.getByTestId('routine-run');

/**
 * "Ready: start now" in the position phase (a screenshot may take part of its 10 s): the step
 * begins at once instead of after the rest of the countdown.
 */
async function startNow(page: Page) {
  const ready = page.getByTestId('routine-ready');
  if ((await run(page).getAttribute('data-phase')) === 'position') await ready.click({ timeout: 5000 }).catch(() => undefined);
  await expect(ready).toHaveCount(0);
  await expect(run(page)).toHaveAttribute('data-phase', 'active', { timeout: 2000 });
}

test('a routine end to end: planned, timed and counted steps, pause, a reload that carries on, ended early and saved as one partly done session', async ({ page }) => {
  test.setTimeout(420_000);
  // The page's clock is Playwright's, running at the real pace: once the 60 s foam roll's
  // countdown is seen to run, the rest of it is run through at once (runFor fires every timer
  // on the way, so the countdown ticks as it would; one jump would count as a sleeping device).
  await page.clock.install();
  await page.goto('/settings');
  // The settings are drawn once read (the defaults: this browser has no records yet).
  await expect(page.getByTestId('routine-settings')).toBeVisible();
  const record: ProgrammeRecord = { id: PROGRAMME_KEY, state: startProgramme(Date.now() - 3 * DAY_MS, 1), growthPercent: 7.5 };
  await putRecord(page, 'programme', record);

  // Settings: three drills off, the pull-apart moved before the stage exercise.
  await page.reload();
  const settings = page.getByTestId('routine-settings');
  for (const name of ['Table-top twists', 'Thoracic bridge', 'Roller mobilisation']) await settings.getByRole('checkbox', { name: new RegExp(name) }).uncheck();
  await expect(settings.getByRole('checkbox', { name: /Your stage exercise/ })).toBeDisabled();
  await settings.getByRole('button', { name: 'Move Band pull-apart up' }).click();
  await settings.getByRole('button', { name: 'Move Band pull-apart up' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Routine saved' })).toContainText('Band pull-apart is now number 3');
  await bothSizes(page, 'settings-routine');
  await settings.getByRole('button', { name: 'Move Band pull-apart down' }).click();
  await settings.getByRole('button', { name: 'Move Band pull-apart down' }).click();

  // Today: the routine card, in order, with the planned time.
  await page.goto('/');
  const card = page.getByTestId('today-routine');
  await expect(card).toContainText('Warm-up: Foam roll 1 min');
  await expect(card).toContainText('Stage exercise: Cat-cow 30 s');
  await expect(card).toContainText('Mobility: Band pull-apart 15 reps');
  await expect(card).not.toContainText('Thoracic bridge');
  await card.getByTestId('today-routine-start').click();
  await expect(page).toHaveURL(/\/routine$/);
  await page.goto('/routine?engine=mediapipe&model=full');

  const plan = page.getByTestId('routine-plan');
  await expect(plan.locator('[data-testid^="routine-plan-"]')).toHaveCount(3);
  await expect(page.getByTestId('routine-plan-foam-roll')).toContainText('not the neck');
  await expect(page.getByTestId('routine-start')).toBeEnabled();
  await bothSizes(page, 'routine-start');

  await page.getByTestId('routine-start').click();
  await expect(page.getByTestId('routine')).toHaveAttribute('data-stage', 'run');
  await expect(run(page)).toHaveAttribute('data-step', 'foam-roll');
  await expect(run(page)).toHaveAttribute('data-phase', 'position');
  await expect(page.getByTestId('routine-announcer')).toContainText('Next: Foam roll, 60 seconds');
  await bothSizes(page, 'routine-position', false);

  // The foam roll is timed: it counts down, and pausing stops the countdown.
  await startNow(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(run(page)).toHaveAttribute('data-paused', 'true');
  const leftPaused = Number(await run(page).getAttribute('data-left'));
  await page.waitForTimeout(2500);
  expect(Number(await run(page).getAttribute('data-left'))).toBe(leftPaused);
  await bothSizes(page, 'routine-timed-paused', false);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(run(page)).toHaveAttribute('data-paused', 'false');
  await expect.poll(async () => Number(await run(page).getAttribute('data-left')), { timeout: 5000 }).toBeLessThan(leftPaused);
  await page.clock.runFor(leftPaused * 1000);
  await expect(run(page)).toHaveAttribute('data-phase', 'rest', { timeout: 10_000 });
  await bothSizes(page, 'routine-rest', false);
  await page.getByRole('button', { name: 'Skip rest' }).click();

  // The stage's cat-cow: counted by the camera for its 30 s.
  await expect(run(page)).toHaveAttribute('data-step', 'stage');
  await expect(run(page)).toHaveAttribute('data-phase', 'position');
  await startNow(page);
  await expect(run(page)).toHaveAttribute('data-count', /^[1-9]/, { timeout: 30_000 });
  await bothSizes(page, 'routine-counting', false);
  await expect(run(page)).toHaveAttribute('data-phase', 'rest', { timeout: 45_000 });
  await page.getByRole('button', { name: 'Skip rest' }).click();

  // The band pull-apart, facing the camera: the person on all fours side-on is not in position.
  await expect(run(page)).toHaveAttribute('data-step', 'band-pull-apart');
  await expect(page.getByTestId('setup-checklist').locator('[data-ok="no"]').first()).toBeVisible({ timeout: 10_000 });

  // A reload in the middle: the routine is offered back at this step, the earlier ones kept.
  await page.reload();
  const carry = page.getByTestId('routine-carry-on');
  await expect(carry).toHaveAttribute('data-step', 'band-pull-apart');
  await expect(carry).toContainText('2 of 3 steps done');
  await bothSizes(page, 'routine-carry-on');
  await carry.getByRole('button', { name: 'Carry on' }).click();
  await expect(run(page)).toHaveAttribute('data-step', 'band-pull-apart');
  await startNow(page);
  await page.waitForTimeout(6000);
  await expect(run(page)).toHaveAttribute('data-count', '0');
  await page.getByRole('button', { name: 'End routine' }).click();

  const done = page.getByTestId('routine-done');
  await expect(done).toHaveAttribute('data-status', 'partial');
  await expect(page.getByTestId('routine-save')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('routine-result-foam-roll')).toHaveAttribute('data-status', 'done');
  const stage = page.getByTestId('routine-result-stage');
  await expect(stage).toHaveAttribute('data-status', 'done');
  const cycles = Number(await stage.getAttribute('data-count'));
  console.log(`[routine] cat-cow cycles counted in 30 s: ${cycles}`);
  expect(cycles).toBeGreaterThanOrEqual(3);
  expect(cycles).toBeLessThanOrEqual(8);
  await expect(page.getByTestId('routine-result-band-pull-apart')).toHaveAttribute('data-status', 'skipped');
  await bothSizes(page, 'routine-done');

  // One session with its steps' sets.
  const sessions = await readTable<{ id: string; exerciseId: string; setIds: string[]; routine?: { status: string; steps: { key: string; status: string }[] } }>(page, 'sessions');
  const routines = sessions.filter((s) => s.routine);
  expect(routines).toHaveLength(1);
  expect(routines[0].exerciseId).toBe('routine');
  expect(routines[0].routine?.status).toBe('partial');
  expect(routines[0].routine?.steps.map((s) => `${s.key}:${s.status}`)).toEqual(['foam-roll:done', 'stage:done', 'band-pull-apart:skipped']);
  const sets = await readTable<{ id: string; exerciseId: string; sessionId: string; source: string; status: string }>(page, 'sets');
  const mine = sets.filter((s) => s.sessionId === routines[0].id);
  expect(mine.map((s) => `${s.exerciseId}:${s.source}:${s.status}`).sort()).toEqual(['cat-cow:camera:complete', 'foam-roll:timer:complete']);
  expect(new Set(routines[0].setIds)).toEqual(new Set(mine.map((s) => s.id)));

  // The check-in after the routine.
  const form = page.getByTestId('check-in-form');
  await expect(form).toHaveAttribute('data-what', 'routine');
  await form.getByRole('group', { name: /^Pain during or after the routine/ }).getByRole('radio', { name: '1', exact: true }).check();
  await form.getByRole('group', { name: /comfortable/i }).getByRole('radio', { name: 'Yes' }).check();
  await form.getByRole('button', { name: /Save check-in/ }).click();
  await expect(page.getByTestId('check-in-saved')).toBeVisible();
  expect(await countRecords(page, 'checkIns')).toBe(1);

  // Today says it was partly done; Trends counts the stage's cat-cow set.
  await page.goto('/');
  await expect(page.getByTestId('today-routine')).toHaveAttribute('data-partial', 'true');
  await expect(page.getByTestId('today-routine-status')).toContainText('Partly done today: 2 of 3 steps done');
  await expect(page.getByTestId('today-done')).toHaveAttribute('data-done', '1');
  await bothSizes(page, 'today-routine');
  await page.goto('/trends');
  await expect(page.getByTestId('trends-routines')).toContainText('partly done');
});
