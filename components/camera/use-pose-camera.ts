'use client';

import { useEffect, useMemo, useRef } from 'react';
import { keptEngine, loadedBefore } from '@/lib/camera/engine-host';
import { createPoseCamera, type PoseCamera, type PoseCameraOptions } from '@/lib/camera/pose-camera';
import { appDb } from '@/lib/storage/app-db';
import { modelAvailableOffline } from '@/lib/pwa/offline-assets';
import { keptAssetUrls } from '@/lib/pwa/offline-cache';
import { saveSetting, type EngineChoice } from '@/lib/settings';
import { useLiveStoreApi } from '../providers/live-store-provider';
import { currentEngineChoice, engineChoiceFromCopy, refreshEngineSettingsCopy, sameChoice } from './engine-choice';
import { whenPageSettled } from './when-settled';

export type { FrameContext } from '@/lib/camera/pose-camera';

export type PoseCameraHandle = Omit<PoseCamera, 'attach' | 'dispose' | 'benchmark'> & {
  /** Ref callback for the page's <video>. */
  readonly videoRef: (video: HTMLVideoElement | null) => void;
};

/**
 * The page's camera controller (lib/camera/pose-camera), made when the page mounts and
 * disposed when it unmounts: leaving a page always ends its camera. The engine and model come
 * from Settings (or the page address) and are loaded as soon as the page opens; callbacks may
 * change between renders.
 */
export function usePoseCamera(
  options: Omit<PoseCameraOptions, 'store' | 'autoModel'> & {
    /** False while switching the model would cost counted frames (a set running). Default true. */
    readonly canSwitchModel?: () => boolean;
  },
): PoseCameraHandle {
  const store = useLiveStoreApi();
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const cameraRef = useRef<PoseCamera | null>(null);
  const videoElRef = useRef<HTMLVideoElement | null>(null);
  const choiceRef = useRef<Promise<void> | null>(null);
  /** The model is on Automatic (Settings), so the camera measures and may switch it. */
  const automaticRef = useRef(false);
  /** Model and runtime files kept for offline use (null until read). */
  const keptRef = useRef<ReadonlySet<string> | null>(null);

  useEffect(() => {
    void keptAssetUrls().then((urls) => (keptRef.current = urls));
    const camera = createPoseCamera({
      store,
      onFrame: (pose, frame) => optionsRef.current.onFrame(pose, frame),
      latestPosture: () => optionsRef.current.latestPosture?.() ?? null,
      onEnded: () => optionsRef.current.onEnded?.(),
      onLost: () => optionsRef.current.onLost?.(),
      onHidden: () => optionsRef.current.onHidden?.(),
      onHiddenStop: () => optionsRef.current.onHiddenStop?.(),
      onTaken: () => optionsRef.current.onTaken?.(),
      autoModel: {
        enabled: () => automaticRef.current,
        // With no network, only to a model kept on this device for offline use.
        canSwitch: (kind, model) =>
          (optionsRef.current.canSwitchModel?.() ?? true) && (navigator.onLine || (keptRef.current !== null && modelAvailableOffline(keptRef.current, kind, model))),
        // Remembered for this device: the next page starts on the model that suits it.
        onVerdict: (state, engine) =>
          void appDb()
            .then((db) => saveSetting(db, 'autoModel', { engine, model: state.model, fps: state.fps === null ? null : Math.round(state.fps * 10) / 10, reason: state.reason, atMs: Date.now() }))
            .then(refreshEngineSettingsCopy)
            .catch(() => {}),
      },
      lookForOthers: optionsRef.current.lookForOthers,
      // What the page measures now: a measure that reads the legs keeps the full model (lib/pose/auto-model.ts).
      ...(optionsRef.current.measures ? { measures: () => optionsRef.current.measures?.() ?? [] } : {}),
    });
    camera.attach(videoElRef.current);
    cameraRef.current = camera;
    let cancelPrepare = () => {};
    // The engine loads while the person reads the page, so the first frame is measured at once:
    // at once when one is kept from the last page or this browser has loaded it before (its
    // files and compiled code are cached: a reload), else once the page has painted and
    // settled (a first visit: a model of several MB must not hold up the first paint). Start
    // loads it in any case.
    const load = (choice: EngineChoice) => {
      store.getState().choose(choice.engineKind, choice.model);
      automaticRef.current = choice.automatic;
      const prepare = () => {
        if (cameraRef.current === camera) void camera.prepare();
      };
      const kept = keptEngine();
      if ((kept && kept.kind === choice.engineKind && kept.model === choice.model) || loadedBefore(choice.engineKind, choice.model)) prepare();
      else cancelPrepare = whenPageSettled(prepare);
    };
    const query = new URLSearchParams(window.location.search);
    // Without waiting for the database where this device keeps a copy of its engine settings;
    // the database's own settings follow and win where they differ.
    const early = engineChoiceFromCopy(query);
    if (early) load(early);
    choiceRef.current = currentEngineChoice(query).then((choice) => {
      if (early && sameChoice(early, choice)) return;
      cancelPrepare();
      load(choice);
    });
    return () => {
      cancelPrepare();
      camera.dispose();
      if (cameraRef.current === camera) cameraRef.current = null;
    };
  }, [store]);

  return useMemo<PoseCameraHandle>(() => {
    /** Waits for the engine choice, then calls the controller (none after unmount). */
    const when = async <T,>(fn: (c: PoseCamera) => T | Promise<T>, fallback: T): Promise<T> => {
      await choiceRef.current;
      const c = cameraRef.current;
      return c ? fn(c) : fallback;
    };
    return {
      videoRef: (video) => {
        videoElRef.current = video;
        cameraRef.current?.attach(video);
      },
      prepare: () => when((c) => c.prepare(), false),
      start: () => when((c) => c.start(), false),
      startFile: (file) => when((c) => c.startFile(file), false),
      stop: () => cameraRef.current?.stop(),
      choose: (kind, model) => cameraRef.current?.choose(kind, model),
      retry: () => cameraRef.current?.retry(),
      get cameraOn() {
        return cameraRef.current?.cameraOn ?? false;
      },
    };
  }, []);
}
