import { readOr } from '@/lib/storage/app-db';
import { DEFAULT_SETTINGS, hasWebGl2, loadSettings, resolveEngine, type EngineChoice } from '@/lib/settings';

/** The engine and model this device uses now: Settings (defaults if unreadable), then the page address. */
export async function currentEngineChoice(query?: URLSearchParams): Promise<EngineChoice> {
  const settings = await readOr(DEFAULT_SETTINGS, loadSettings).catch(() => DEFAULT_SETTINGS);
  return resolveEngine(settings, { webgl2: hasWebGl2(), query });
}
