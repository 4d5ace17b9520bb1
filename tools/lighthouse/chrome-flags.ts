// The Chromium flags of a Lighthouse run: chrome-launcher's own defaults, the project's headless
// flags, and one change to the launcher's list of browser features it turns off: RenderDocument
// stays on, as it is in Chromium for everyone.
//
// Why: chrome-launcher turns RenderDocument off (Lighthouse PR 16363: "until remaining bugs are
// fixed"). Off, the tab keeps its about:blank document's frame for the page it loads, and the
// page's first frame is then held back for about a second whenever it is not drawn within about
// 150 ms of the navigation: the bare Next.js page with one stylesheet that takes 150 ms to come
// showed its first frame at 1.2 s in 5 of 5 loads against 0.14-0.18 s without it, and the app's
// pages at 1.2 or 2.2 s in most loads (docs/performance.md). On, every page showed its first frame
// once drawn (0.2-0.4 s). Lighthouse simulates the first paint from everything the page did
// before it was seen, so that held second counted all of a page's scripts against it: a cost of
// the tool's browser, not of the page, and one a phone does not have.
//
// Chromium keeps one `--disable-features` (the last one given), so the flags given to the
// launcher carry one list, after the launcher's own.

const DISABLE_FEATURES = '--disable-features=';
/** Features the launcher turns off that stay on here. */
const KEPT_FEATURES: readonly string[] = ['RenderDocument'];

const listOf = (flags: readonly string[]) => flags.filter((f) => f.startsWith(DISABLE_FEATURES)).flatMap((f) => f.slice(DISABLE_FEATURES.length).split(',').filter(Boolean));

/**
 * The flags to give the launcher after its defaults (`launcherDefaults`, which it adds itself):
 * `extra`, then one `--disable-features` list: the defaults' and extra's, less KEPT_FEATURES.
 */
export function lighthouseChromeFlags(launcherDefaults: readonly string[], extra: readonly string[]): string[] {
  const disabled = [...new Set([...listOf(launcherDefaults), ...listOf(extra)])].filter((f) => !KEPT_FEATURES.includes(f));
  return [...extra.filter((f) => !f.startsWith(DISABLE_FEATURES)), DISABLE_FEATURES + disabled.join(',')];
}
