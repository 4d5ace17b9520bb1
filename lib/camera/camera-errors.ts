export type CameraErrorCode = 'denied' | 'not-found' | 'busy' | 'insecure' | 'unsupported' | 'lost' | 'unknown';

export interface CameraProblem {
  readonly code: CameraErrorCode;
  readonly title: string;
  readonly message: string;
}

/** Maps a getUserMedia failure (a DOMException name) to words a person can act on. */
export function describeCameraError(err: unknown, secureContext = true): CameraProblem {
  const name = err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err) ? String((err as { name: unknown }).name) : '';
  if (!secureContext) {
    return {
      code: 'insecure',
      title: 'The camera needs a secure page',
      message: 'Browsers only share the camera with pages served over https or from localhost. Open the app at a https:// or http://localhost address.',
    };
  }
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return {
        code: 'denied',
        title: 'Camera access is blocked',
        message:
          'To allow it, open the site settings (the icon at the left of the address bar), set Camera to Allow, then press Try again. Video stays on this device; nothing is uploaded.',
      };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return {
        code: 'not-found',
        title: 'No camera found',
        message: 'Connect a camera, or turn it on in your system settings, then press Try again.',
      };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return {
        code: 'busy',
        title: 'The camera is busy',
        message: 'Another app or browser tab is using the camera. Close it there (video calls are the usual cause), then press Try again.',
      };
    case 'TypeError':
      return {
        code: 'unsupported',
        title: 'This browser cannot share a camera',
        message: 'Try a current version of Chrome, Edge, Firefox or Safari.',
      };
    default:
      return {
        code: 'unknown',
        title: 'The camera could not start',
        message: `${err instanceof Error ? err.message : String(err)}. Press Try again, or restart the browser.`,
      };
  }
}

/** The camera's picture stopped while in use (its track ended without the app stopping it). */
export const CAMERA_LOST: CameraProblem = {
  code: 'lost',
  title: 'The camera stopped',
  message: 'The camera was disconnected, turned off, or taken by another app. Reconnect it or close the other app, then press Try again.',
};
