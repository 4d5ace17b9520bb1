import { fakeCameraFile } from './fake-camera';

export default function globalSetup(): void {
  // Build the camera files before any browser starts (ffmpeg takes a few seconds).
  fakeCameraFile('videos/tfjs_pose_squats.mp4');
}
