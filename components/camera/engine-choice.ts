import { readOr } from '@/lib/storage/app-db';
import { DEFAULT_SETTINGS, engineSettingsOf, hasWebGl2, loadSettings, resolveEngine, type EngineChoice, type EngineSettings } from '@/lib/settings';

/**
 * A copy of this device's engine settings as last read from (or written to) the database, so a
 * camera page can start loading its engine before the database is open (the database stays the
 * truth: `currentEngineChoice` reads it, refreshes this copy, and wins where they differ).
 */
export const ENGINE_SETTINGS_COPY_KEY = 'posture-tracker:engine-settings';

/** The engine and model this device uses now: Settings (defaults if unreadable), then the page address. */
export async function currentEngineChoice(query?: URLSearchParams): Promise<EngineChoice> {
  return resolveEngine(await storedEngineSettings(), { webgl2: hasWebGl2(), query });
}

/** Reads the engine settings into the copy, after the database changed (a restore, a deletion). */
export async function refreshEngineSettingsCopy(): Promise<void> {
  await storedEngineSettings();
}

/** The stored engine settings (the defaults where none are stored), the copy refreshed from them. */
async function storedEngineSettings(): Promise<EngineSettings> {
  try {
    const settings = await readOr(DEFAULT_SETTINGS, loadSettings);
    keepEngineSettingsCopy(settings);
    return settings;
  } catch {
    // Unreadable now: no copy that the database may not agree with.
    keepEngineSettingsCopy(null);
    return DEFAULT_SETTINGS;
  }
}

/**
 * The choice from the copy, at once: null where there is none or it is not valid (written by
 * another version, or damaged), so the page waits for the database.
 */
export function engineChoiceFromCopy(query?: URLSearchParams): EngineChoice | null {
  let settings: EngineSettings | null = null;
  try {
    const text = window.localStorage.getItem(ENGINE_SETTINGS_COPY_KEY);
    settings = text === null ? null : engineSettingsOf(JSON.parse(text));
  } catch {
    settings = null;
  }
  return settings && resolveEngine(settings, { webgl2: hasWebGl2(), query });
}

function keepEngineSettingsCopy(settings: EngineSettings | null): void {
  try {
    if (!settings) window.localStorage.removeItem(ENGINE_SETTINGS_COPY_KEY);
    else window.localStorage.setItem(ENGINE_SETTINGS_COPY_KEY, JSON.stringify({ engine: settings.engine, model: settings.model, autoModel: settings.autoModel }));
  } catch {
    // Storage unavailable (private mode, full): pages wait for the database instead.
  }
}

/** Whether two choices run the same engine the same way. */
export function sameChoice(a: EngineChoice, b: EngineChoice): boolean {
  return a.engineKind === b.engineKind && a.model === b.model && a.automatic === b.automatic;
}
