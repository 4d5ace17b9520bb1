import { describe, expect, it } from 'vitest';
import { describeCameraError } from './camera-errors';

const domError = (name: string) => Object.assign(new Error(`${name} happened`), { name });

describe('describeCameraError', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'not-found'],
    ['OverconstrainedError', 'not-found'],
    ['NotReadableError', 'busy'],
    ['AbortError', 'busy'],
    ['TypeError', 'unsupported'],
    ['WeirdError', 'unknown'],
  ] as const)('%s -> %s', (name, code) => {
    expect(describeCameraError(domError(name)).code).toBe(code);
  });

  it('tells how to re-allow a denied camera', () => {
    expect(describeCameraError(domError('NotAllowedError')).message).toMatch(/site settings.*Allow.*Try again/);
  });

  it('blames an insecure page before anything else', () => {
    expect(describeCameraError(domError('NotAllowedError'), false).code).toBe('insecure');
  });

  it('keeps the original text of an unknown failure', () => {
    expect(describeCameraError(domError('WeirdError')).message).toContain('WeirdError happened');
  });
});
