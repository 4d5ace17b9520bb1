// What the first frame of Today and the routine shows before the database is read: the loading
// line where this device has a programme (a hint kept in localStorage), the first-run guide
// where it has none; on a full load (an inline script in the page's HTML) and when the person
// comes from another page of the app (applied before the browser paints). Pages that do not need
// the hint touch no storage before their first paint.
import { expect, test, type Page } from '@playwright/test';

const HINT = 'posture-tracker:has-programme';

type FirstFrame = { firstVisit: string; returning: string };

/** Records, in the first frame in which the page's two pending elements exist, which of them shows (run in the page). */
function watch(): void {
  const w = window as unknown as { __firstFrame?: FirstFrame | null };
  w.__firstFrame = null;
  const tick = () => {
    const first = document.querySelector('[data-today-pending=first-visit]');
    const returning = document.querySelector('[data-today-pending=returning]');
    if (first && returning) w.__firstFrame = { firstVisit: getComputedStyle(first).display, returning: getComputedStyle(returning).display };
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** A slow device: the browser takes a second to list its databases, so the page stays pending for some frames (run in the page). */
function slowStorage(): void {
  const list = IDBFactory.prototype.databases;
  IDBFactory.prototype.databases = function (this: IDBFactory) {
    return new Promise((resolve) => setTimeout(resolve, 1000)).then(() => list.call(this));
  };
}

const firstFrame = (page: Page) => page.waitForFunction(() => (window as unknown as { __firstFrame: FirstFrame | null }).__firstFrame).then((h) => h.jsonValue() as Promise<FirstFrame>);

async function setHint(page: Page, on: boolean): Promise<void> {
  await page.goto('/offline');
  await page.evaluate(([key, value]) => (value ? localStorage.setItem(key, '1') : localStorage.removeItem(key)), [HINT, on] as const);
}

for (const path of ['/', '/routine']) {
  test(`${path}: the first frame follows the hint, on a full load and from another page`, async ({ page }) => {
    await page.addInitScript(watch);
    await page.addInitScript(slowStorage);

    await setHint(page, false);
    await page.goto(path);
    expect(await firstFrame(page)).toEqual({ firstVisit: 'block', returning: 'none' });

    await setHint(page, true);
    await page.goto(path);
    expect(await firstFrame(page), 'full load with a programme').toEqual({ firstVisit: 'none', returning: 'block' });

    // From another page of the app, without a reload: no inline script runs.
    await setHint(page, true);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    const link = path === '/' ? page.getByRole('link', { name: 'Today', exact: true }) : page.getByRole('link', { name: 'Routine', exact: true });
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) await menu.click();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${path === '/' ? '/$' : '/routine$'}`));
    expect(await firstFrame(page), 'reached from Settings with a programme').toEqual({ firstVisit: 'none', returning: 'block' });
  });
}

test('pages without the programme hint read no storage before their first paint', async ({ request }) => {
  for (const path of ['/session', '/snapshot', '/settings', '/live', '/setup']) {
    const html = await (await request.get(path)).text();
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => !s.startsWith('self.__next_f') && !s.startsWith('(self.__next_f'));
    expect(inline.filter((s) => /localStorage|indexedDB|document\.cookie/.test(s)), path).toEqual([]);
  }
});
