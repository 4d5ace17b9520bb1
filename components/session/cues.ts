/** Sound and speech cues; all silent while muted. Visual cues are the caller's job. */
export interface CuePlayer {
  muted: boolean;
  /** A short tone: 'done' (hold complete, rep), 'start' (hold started), 'warn' (released early). */
  tone(kind: 'done' | 'start' | 'warn'): void;
  say(text: string): void;
  dispose(): void;
}

const TONES = { done: [880, 0.18], start: [660, 0.08], warn: [330, 0.22] } as const;

export function createCuePlayer(): CuePlayer {
  let audio: AudioContext | null = null;
  const player: CuePlayer = {
    muted: false,
    tone(kind) {
      if (player.muted || typeof AudioContext === 'undefined') return;
      try {
        audio ??= new AudioContext();
        const [freq, seconds] = TONES[kind];
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.15, audio.currentTime);
        gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + seconds);
        osc.connect(gain).connect(audio.destination);
        osc.start();
        osc.stop(audio.currentTime + seconds);
      } catch {
        // Audio can be unavailable (autoplay policy, no device); the visual cue remains.
      }
    },
    say(text) {
      if (player.muted || typeof speechSynthesis === 'undefined') return;
      try {
        // Newest cue wins: a backlog of stale counts is worse than a skipped one.
        speechSynthesis.cancel();
        speechSynthesis.speak(new SpeechSynthesisUtterance(text));
      } catch {
        // Speech is optional.
      }
    },
    dispose() {
      void audio?.close();
      audio = null;
      if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    },
  };
  return player;
}
