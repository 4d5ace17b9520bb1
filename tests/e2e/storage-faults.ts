import type { Page } from '@playwright/test';

/** Makes every IndexedDB write fail with the browser's quota error while `__storageFull` is set. */
export async function simulateFullStorage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __storageFull: boolean };
    w.__storageFull = false;
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (w.__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  });
}
