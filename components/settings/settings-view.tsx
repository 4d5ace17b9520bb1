'use client';

import Link from '@/components/nav/app-link';
import { useEffect, useState } from 'react';
import { ENGINE_KINDS, MODEL_VARIANTS } from '@/lib/pose/config';
import { DEFAULT_SETTINGS, hasWebGl2, loadSettings, resolveEngine, saveSetting, type Settings } from '@/lib/settings';
import { appDb, readOr } from '@/lib/storage/app-db';
import { ENGINE_LABELS } from '../camera/camera-controls';
import { whenPageSettled } from '../camera/when-settled';
import { refreshEngineSettingsCopy } from '../camera/engine-choice';
import { OfflineCard } from '../pwa/offline-card';
import { refreshOffline } from '../pwa/offline-store';
import { SyncCard } from '../sync/sync-card';
import { RoutineSettings } from './routine-settings';
import { onSyncedData } from '../sync/sync-store';
import { MB_PER_MINUTE } from '../tracks/track-keeper';

const MODEL_LABELS = { lite: 'Lite: fastest, least accurate', full: 'Full: accurate, real time on most devices', heavy: 'Heavy: most accurate, slow on phones' } as const;

/** Preferences: the pose engine and model (automatic by default), sound, snapshot pictures. */
export function SettingsView() {
  // Null until read: the page is drawn at once with the defaults (so its text is in the page's
  // HTML), its choices disabled until the stored settings have replaced them.
  const [stored, setSettings] = useState<Settings | null>(null);
  const [webgl2, setWebgl2] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    // The WebGL2 question makes a throwaway context (20-60 ms of the page's thread on a slow
    // device): asked once the page is idle, not in the task that makes the page interactive.
    const cancelProbe = whenPageSettled(() => setWebgl2(hasWebGl2()), 500);
    const load = () =>
      void readOr(DEFAULT_SETTINGS, loadSettings).then(setSettings, (e: Error) => {
        setError(e.message);
        setSettings(DEFAULT_SETTINGS);
      });
    load();
    // A setting changed on another device (sync) shows here.
    const stopSynced = onSyncedData(load);
    return () => {
      cancelProbe();
      stopSynced();
    };
  }, []);

  const change = async <K extends keyof Settings>(key: K, value: Settings[K], what: string, message = `${what} saved.`) => {
    setSettings((s) => (s ? { ...s, [key]: value } : s));
    try {
      await saveSetting(await appDb(), key, value);
      setError(null);
      setSaved(message);
      if (key === 'engine' || key === 'model') {
        // Camera pages start their engine from this copy before the database is read.
        void refreshEngineSettingsCopy();
        // The offline files are per engine and model: show what the new choice needs.
        void refreshOffline();
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const loaded = stored !== null;
  const settings = stored ?? DEFAULT_SETTINGS;
  const choice = resolveEngine(settings, { webgl2 });

  return (
    <section aria-labelledby="settings-title" className="settings-form">
      <h1 id="settings-title">Settings</h1>
      <fieldset disabled={!loaded}>
        <legend>Pose engine</legend>
        <p className="lead">
          The pose engine finds your body in the camera picture, on this device. Automatic suits almost everyone; the choice applies from the next
          time the camera starts, never in the middle of a set.
        </p>
        <p data-testid="engine-choice">
          In use: <strong>{ENGINE_LABELS[choice.engineKind]}</strong>, <strong>{choice.model}</strong> model. {choice.reason}
        </p>
        <p className="group-label" id="engine-label">
          Engine
        </p>
        <div className="choice-row" role="radiogroup" aria-labelledby="engine-label">
          {(['auto', ...ENGINE_KINDS] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="engine" checked={settings.engine === k} onChange={() => void change('engine', k, 'Engine')} />
              {k === 'auto' ? 'Automatic (recommended)' : ENGINE_LABELS[k]}
            </label>
          ))}
        </div>
        <p className="group-label" id="model-label">
          Model
        </p>
        <div className="stage-choice" role="radiogroup" aria-labelledby="model-label">
          {(['auto', ...MODEL_VARIANTS] as const).map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="model" checked={settings.model === m} onChange={() => void change('model', m, 'Model')} />
              {m === 'auto' ? 'Automatic model (recommended)' : MODEL_LABELS[m]}
            </label>
          ))}
        </div>
        {!webgl2 && <p className="why">This browser has no WebGL2, so the MediaPipe engine cannot run here; TensorFlow.js works without it.</p>}
      </fieldset>

      <fieldset disabled={!loaded}>
        <legend>During a set</legend>
        <label className="checkbox">
          <input type="checkbox" checked={!settings.cuesMuted} onChange={(e) => void change('cuesMuted', !e.target.checked, 'Sound setting')} />
          <span>Sound and spoken counts (a visible cue is always shown)</span>
        </label>
      </fieldset>

      <RoutineSettings disabled={!loaded} prefs={settings.routine} onChange={(next, message) => void change('routine', next, 'Routine', message)} />

      <fieldset disabled={!loaded}>
        <legend>Posture snapshots</legend>
        <label className="checkbox">
          <input type="checkbox" checked={settings.keepSnapshotPicture} onChange={(e) => void change('keepSnapshotPicture', e.target.checked, 'Snapshot setting')} />
          <span>Keep the picture with each snapshot (stored only in this browser; off keeps the numbers and lines only)</span>
        </label>
      </fieldset>

      <fieldset disabled={!loaded} data-testid="landmarks-setting">
        <legend>Landmarks</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.keepLandmarks}
            aria-describedby="landmarks-what"
            onChange={(e) => void change('keepLandmarks', e.target.checked, 'Landmarks setting', e.target.checked ? 'Landmarks will be kept from the next set or range check.' : 'Landmarks will not be kept. Those already kept stay until you delete them on Trends.')}
          />
          <span>Keep the landmarks of my sets and range checks</span>
        </label>
        <p id="landmarks-what" className="lead">
          Landmarks are numbers, never pictures: the positions of 33 body points in each camera frame. Off by default. When on, they are kept in this
          browser on this device only (not synced, not in backups), up to about {MB_PER_MINUTE} MB per minute of exercise, and each set or range check that kept
          them can be downloaded from <Link href="/trends">Trends</Link> as JSONL or TRC for another tool (OpenSim, Pose2Sim, your own scripts), or
          deleted there. A set carried on after the page reloads keeps its count but not its landmarks.
        </p>
      </fieldset>

      <OfflineCard />

      <SyncCard />

      <p>
        <Link href="/welcome">Walk through the first-run guide again</Link> · <Link href="/setup">Check my setup</Link>
      </p>
      <div role="status" className="status">
        {saved}
      </div>
      {error && (
        <div role="alert" className="problem" data-problem="storage">
          <p>{error}</p>
        </div>
      )}
    </section>
  );
}
