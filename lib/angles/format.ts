// Numbers for people: never "-0°", a real minus sign, a fixed number of decimals.

/** "12°", "−3.5°"; "–" when there is no value. A value that rounds to zero has no sign. */
export function formatDeg(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = Math.abs(value).toFixed(digits);
  const zero = Number(text) === 0;
  return `${value < 0 && !zero ? '−' : ''}${text}°`;
}

/** "+3.0°", "−1.2°", "±0.0°" for a change. */
export function formatDeltaDeg(delta: number, digits = 1): string {
  const text = Math.abs(delta).toFixed(digits);
  const sign = Number(text) === 0 ? '±' : delta > 0 ? '+' : '−';
  return `${sign}${text}°`;
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
