// Sync between a phone and a laptop through a real CouchDB-compatible server
// (tools/sync-server, started here on 127.0.0.1 and stopped at the end): a set counted on the
// phone reaches the laptop's trends; both record apart and meet again without duplicates; a
// setting changed on both resolves to the later change; bad log-ins and a server that goes
// away get plain messages while the app keeps working, and sync resumes by itself.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { startSyncServer, type SyncServer } from '../../tools/sync-server/server';
import { userDbName } from '../../lib/sync/rules/docs';
import { fakeCameraFile, SESSION_CLIP } from './fake-camera';
import { checkScreen, countRecords, SIZES } from './screens';
import { SessionPage } from './session-page';
import { SYNC_PORT } from './sync-port';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', SESSION_CLIP);
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

const ANA = { name: 'ana', password: 'ana-secret-1' };
let server: SyncServer;

test.beforeAll(async () => {
  server = await startSyncServer({ port: SYNC_PORT, admin: { name: 'admin', password: 'admin-e2e' } });
  await server.createPerson(ANA.name, ANA.password);
});
test.afterAll(async () => {
  await server?.close();
});

async function logIn(page: Page, who: { name: string; password: string }, url?: string) {
  const card = page.getByTestId('sync-card');
  if (url !== undefined) await card.getByLabel('Server address').fill(url);
  await card.getByLabel('User name').fill(who.name);
  await card.getByLabel('Password').fill(who.password);
  await card.getByRole('button', { name: 'Log in and sync' }).click();
}

const syncStatus = (page: Page) => page.getByTestId('sync-status');

/** A squats set on the session page already open: one pass of the clip counted (2 reps), ended, saved. */
async function recordSet(session: SessionPage, again: boolean) {
  if (again) await session.page.getByRole('button', { name: 'Start another set' }).click();
  else await session.startWithCamera();
  await expect(session.repCount()).toContainText(/^[1-9]/, { timeout: 60_000 });
  await expect(session.cueText()).toContainText('nobody in view', { timeout: 60_000 });
  await session.endButton().click();
  await expect(session.page.getByTestId('save-status')).toHaveText('Saved in this browser.');
}

/** Rows in the server's copy of ana's records, by table. */
async function serverDocs(table: string) {
  const auth = `Basic ${Buffer.from(`${server.admin.name}:${server.admin.password}`).toString('base64')}`;
  const r = await fetch(`${server.url}/${userDbName(ANA.name)}/_all_docs?include_docs=true&conflicts=true&startkey="${table}:"&endkey="${table}:\ufff0"`, { headers: { authorization: auth } });
  const body = (await r.json()) as { rows: { id: string; doc: { _conflicts?: string[]; record: Record<string, unknown> } }[] };
  return body.rows;
}

test('phone and laptop: a set reaches the other within seconds; apart, both record and change a setting; together again, both have everything once', async ({ browser }) => {
  test.setTimeout(300_000);
  const phone: BrowserContext = await browser.newContext(SIZES[0].use);
  const laptop: BrowserContext = await browser.newContext(SIZES[1].use);
  try {
    const phoneSettings = await phone.newPage();
    await phoneSettings.goto('/settings');
    await expect(phoneSettings.getByTestId('sync-card')).toContainText('Off: your records are only on this device.');
    await expect(phoneSettings.getByTestId('sync-card').getByLabel('Server address')).toHaveValue('/couch');

    // Wrong address, wrong password: plain words, nothing starts.
    await logIn(phoneSettings, ANA, '/couch-nowhere');
    await expect(phoneSettings.getByTestId('sync-card').getByRole('alert')).toContainText('No sync server answers at that address');
    await logIn(phoneSettings, { name: ANA.name, password: 'wrong' }, '/couch');
    await expect(phoneSettings.getByTestId('sync-card').getByRole('alert')).toContainText('did not accept that user name and password');
    await checkScreen(phoneSettings, 'settings-sync-problem', 'phone');

    await logIn(phoneSettings, ANA);
    await expect(syncStatus(phoneSettings)).toContainText('Up to date. Logged in as ana.', { timeout: 20_000 });
    await checkScreen(phoneSettings, 'settings-sync', 'phone');

    const laptopSettings = await laptop.newPage();
    await laptopSettings.goto('/settings');
    await logIn(laptopSettings, ANA);
    await expect(syncStatus(laptopSettings)).toContainText('Up to date. Logged in as ana.', { timeout: 20_000 });
    await checkScreen(laptopSettings, 'settings-sync', 'laptop');
    const laptopTrends = await laptop.newPage();
    await laptopTrends.goto('/trends');

    // A set counted on the phone shows in the laptop's trends, already open, within seconds.
    const phoneSession = new SessionPage(await phone.newPage());
    await phoneSession.open('mediapipe', 'full', 'exercise=squat&target=10');
    await recordSet(phoneSession, false);
    const t0 = Date.now();
    await expect(laptopTrends.getByRole('combobox', { name: 'Exercise' }).locator('option[value="squat"]')).toHaveCount(1, { timeout: 15_000 });
    await laptopTrends.getByRole('combobox', { name: 'Exercise' }).selectOption('squat');
    await expect(laptopTrends.getByTestId('chart-range')).toHaveAttribute('data-points', '1', { timeout: 15_000 });
    console.log(`[sync] the phone's set showed in the laptop's trends ${Date.now() - t0} ms after it was saved`);

    // Apart: each records a set and changes the sound setting; the laptop changes it last.
    const laptopSession = new SessionPage(await laptop.newPage());
    await laptopSession.open('mediapipe', 'full', 'exercise=squat&target=10');
    // The model is loaded while online (a device that never loaded it needs "Make available offline" first).
    await expect(laptopSession.page.getByRole('status').filter({ hasText: 'The pose model is loaded' })).toBeVisible({ timeout: 90_000 });
    await phone.setOffline(true);
    await laptop.setOffline(true);
    await recordSet(phoneSession, true);
    const sound = (p: Page) => p.getByRole('checkbox', { name: /Sound and spoken counts/ });
    await sound(phoneSettings).uncheck();
    await expect(phoneSettings.getByRole('status').filter({ hasText: 'Sound setting saved.' })).toBeVisible();
    await expect(syncStatus(phoneSettings)).toContainText(/Changes waiting to be sent: [1-9]/);
    await recordSet(laptopSession, false);
    await sound(laptopSettings).uncheck();
    await sound(laptopSettings).check();
    await expect(syncStatus(laptopSettings)).toContainText(/Changes waiting to be sent: [1-9]/);
    expect(await countRecords(phoneSettings, 'sets')).toBe(2);
    expect(await countRecords(laptopSettings, 'sets')).toBe(2);

    // Together again: both have the three sets once, and the later change (sound on) wins on both.
    await phone.setOffline(false);
    await laptop.setOffline(false);
    for (const p of [phoneSettings, laptopSettings]) await expect(syncStatus(p)).toContainText('Changes waiting to be sent: 0', { timeout: 30_000 });
    await expect.poll(() => countRecords(phoneSettings, 'sets'), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => countRecords(laptopSettings, 'sets'), { timeout: 20_000 }).toBe(3);
    await expect(sound(phoneSettings)).toBeChecked({ timeout: 20_000 });
    await expect(sound(laptopSettings)).toBeChecked();
    const sets = await serverDocs('sets');
    expect(sets).toHaveLength(3);
    // On the server too: one document, its losing revision deleted (by whichever device settled it first).
    await expect.poll(async () => (await serverDocs('settings')).map((r) => [r.id, r.doc._conflicts ?? [], r.doc.record.value]), { timeout: 20_000 }).toEqual([['settings:cues.muted', [], false]]);
    // The laptop's trends (redrawn as records arrived) chart the same as the phone's own.
    const phoneTrends = await phone.newPage();
    await phoneTrends.goto('/trends');
    await phoneTrends.getByRole('combobox', { name: 'Exercise' }).selectOption('squat');
    const points = await phoneTrends.getByTestId('chart-range').getAttribute('data-points');
    expect(Number(points)).toBeGreaterThanOrEqual(1);
    await expect(laptopTrends.getByTestId('chart-range')).toHaveAttribute('data-points', points!);
    for (const p of [phoneTrends, laptopTrends]) await p.getByLabel('Show as tables').check();
    const weeks = await phoneTrends.getByTestId('table-weeks').locator('tbody td').allTextContents();
    expect(weeks.join(' ')).toMatch(/\d+\.\d°/);
    expect(await laptopTrends.getByTestId('table-weeks').locator('tbody td').allTextContents()).toEqual(weeks);

    // The server goes away: a plain message, local use carries on, and sync resumes by itself.
    await server.pause();
    await sound(laptopSettings).uncheck();
    await expect(laptopSettings.getByTestId('sync-card').getByRole('alert')).toContainText('cannot be reached', { timeout: 30_000 });
    await checkScreen(laptopSettings, 'settings-sync-waiting', 'laptop');
    await expect(syncStatus(laptopSettings)).toContainText('Changes waiting to be sent: 1');
    await server.resume();
    await expect(syncStatus(laptopSettings)).toContainText('Changes waiting to be sent: 0', { timeout: 45_000 });
    await expect(laptopSettings.getByTestId('sync-card').getByRole('alert')).toHaveCount(0);
    await expect(sound(phoneSettings)).not.toBeChecked({ timeout: 20_000 });
  } finally {
    await phone.close();
    await laptop.close();
  }
});
