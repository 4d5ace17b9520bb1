import { fakeCameraFile, SESSION_CLIP, SQUATS_SESSION_CLIP } from './fake-camera';

export default function globalSetup(): void {
  // Build the camera files before any browser starts (ffmpeg takes a few seconds).
  fakeCameraFile('videos/tfjs_pose_squats.mp4');
  fakeCameraFile('videos/tfjs_pose_squats.mp4', SQUATS_SESSION_CLIP);
  fakeCameraFile('videos/mpdocs_pushups_side_OVERLAY.mp4', SESSION_CLIP);
  fakeCameraFile('images/sports2d_f150_walker_side_view_crop.jpg');
  fakeCameraFile('images/skimage_astronaut_PD.png');
  fakeCameraFile('videos/physioplus_bridge_side.mp4', SESSION_CLIP);
}
