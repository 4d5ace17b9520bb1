import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { frameRateOf } from '../../tools/media/decode';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures');
const CACHE = path.join(os.tmpdir(), 'posture-e2e-y4m');
/** The version of the recipes below; raise it when one changes what it makes. */
const RECIPE = 2;
/** The camera size the app requests (ideal constraints). */
export const CAMERA_WIDTH = 640;
export const CAMERA_HEIGHT = 480;

/**
 * Makes (once per machine) a y4m file from a fixture clip for Chromium's fake camera.
 * Y4M is raw video, so clips are cut short and scaled down.
 */
export function fakeCameraFile(
  clip: string,
  { width = 360, fps: askedFps = 15, startS = 0, durationS = 4, whole = false, blankTailS = 0, leadInS = 0, leadInFrames = null as readonly [number, number] | null, pingPong = false, noFasterThanClip = false } = {},
): string {
  mkdirSync(CACHE, { recursive: true });
  const fps = noFasterThanClip ? Math.min(askedFps, clipFps(clip)) : askedFps;
  const variant = pingPong
    ? `pingpong-${fps}fps`
    : whole
      ? `whole-${fps}fps-lead${leadInS}s${leadInFrames ? `-f${leadInFrames[0]}to${leadInFrames[1]}` : ''}-tail${blankTailS}s`
      : `${width}w-${fps}fps-${startS}s-${durationS}s`;
  // The recipe's version is in the name: a file made by an older recipe is never reused.
  const out = path.join(CACHE, `${path.basename(clip).replace(/\.\w+$/, '')}-${variant}-r${RECIPE}.y4m`);
  if (!existsSync(out)) {
    const tmp = `${out}.tmp-${process.pid}.y4m`;
    if (/\.(jpe?g|png)$/i.test(clip)) {
      // A still: a short loop of the same frame (Chromium repeats the file), fitted into the
      // 640x480 frame the app asks the camera for, so Chromium passes it through uncropped.
      const fit = `scale=${CAMERA_WIDTH}:${CAMERA_HEIGHT}:force_original_aspect_ratio=decrease:flags=lanczos,pad=${CAMERA_WIDTH}:${CAMERA_HEIGHT}:(ow-iw)/2:(oh-ih)/2,format=yuv420p`;
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-framerate', String(fps), '-t', '1', '-i', path.join(FIXTURES, clip), '-vf', fit, '-f', 'yuv4mpegpipe', tmp]);
    } else if (pingPong) {
      // The clip forwards then backwards: looped by Chromium, the picture never jumps, so
      // every loop holds exactly twice the clip's reps.
      const fit = `fps=${fps},scale=${CAMERA_WIDTH}:${CAMERA_HEIGHT}:force_original_aspect_ratio=decrease:flags=lanczos,pad=${CAMERA_WIDTH}:${CAMERA_HEIGHT}:(ow-iw)/2:(oh-ih)/2,format=yuv420p`;
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', path.join(FIXTURES, clip), '-an', '-filter_complex', `[0:v]${fit},split[a][b];[b]reverse[r];[a][r]concat=n=2:v=1[out]`, '-map', '[out]', '-f', 'yuv4mpegpipe', tmp]);
    } else if (whole) {
      // The whole clip at real-time speed, fitted into the camera frame: `leadInS` of its first
      // frame held still before it (the person in place when the camera opens, as when a set
      // starts), then `blankTailS` of an empty (black) picture so one pass ends with nobody in
      // view before Chromium loops.
      // With `leadInFrames` [from, to], the lead-in is the clip's own frames from..to (its frame
      // numbers, inclusive), the first of them held for `leadInS`: the person moving into place.
      const pads = [leadInS && !leadInFrames ? `tpad=start_mode=clone:start_duration=${leadInS}` : '', blankTailS ? `tpad=stop_mode=add:stop_duration=${blankTailS}:color=black` : ''].filter(Boolean);
      // setpts numbers the frames afresh at the output rate: without it, the padded frames of a
      // clip whose own rate differs (the squats clip is 5 fps) carried times that the y4m
      // writer's constant rate took as late, and it dropped them (a 4 s lead-in and 4 s tail
      // came out as 17 s in all instead of 21).
      const fit = `fps=${fps},scale=${CAMERA_WIDTH}:${CAMERA_HEIGHT}:force_original_aspect_ratio=decrease:flags=lanczos,pad=${CAMERA_WIDTH}:${CAMERA_HEIGHT}:(ow-iw)/2:(oh-ih)/2${pads.map((p) => `,${p}`).join('')},setpts=N/(${fps}*TB),format=yuv420p`;
      const graph = leadInFrames
        ? `[0:v]split[a][b];[a]trim=start_frame=${leadInFrames[0]}:end_frame=${leadInFrames[1] + 1},setpts=PTS-STARTPTS,tpad=start_mode=clone:start_duration=${leadInS}[lead];[b]setpts=PTS-STARTPTS[main];[lead][main]concat=n=2:v=1,${fit}[out]`
        : `[0:v]${fit}[out]`;
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', path.join(FIXTURES, clip), '-an', '-filter_complex', graph, '-map', '[out]', '-f', 'yuv4mpegpipe', tmp]);
    } else {
      execFileSync('bash', [path.join(FIXTURES, 'make_fake_webcam.sh'), path.join(FIXTURES, clip), tmp, String(width), String(fps), String(startS), String(durationS)], { stdio: 'ignore' });
    }
    execFileSync('mv', [tmp, out]);
  }
  return out;
}

/**
 * A clip's own frame rate (frames a second), read as `npm run analyze` reads it
 * (tools/media/decode.ts), but at once: a camera file is made before any browser starts.
 */
function clipFps(clip: string): number {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=avg_frame_rate,r_frame_rate', '-of', 'json', path.join(FIXTURES, clip)], { encoding: 'utf8' });
  const stream = (JSON.parse(out) as { streams?: { avg_frame_rate: string; r_frame_rate: string }[] }).streams?.[0];
  const fps = stream ? frameRateOf(stream) : 0;
  if (!(fps > 0)) throw new Error(`${clip}: no frame rate`);
  return fps;
}

/**
 * Camera files for counting tests: 4 s standing in place, one real-time pass of a clip, then 4 s
 * of nobody. The lead-in covers the set's start (camera on, first frames, the setup check's
 * half-second of stillness) with room to spare on a busy machine, where the first frames come
 * later: a shorter one let the clip's first squat pass before counting began. Never faster
 * than the clip was filmed (the squats clip is 5 frames a second, the push-ups 10): at 15 the
 * camera gave the model each picture two or three times over, work that measured nothing new.
 */
export const SESSION_CLIP = { whole: true, fps: 15, leadInS: 4, blankTailS: 4, noFasterThanClip: true } as const;

/**
 * The squats clip's camera for counting tests. She stands at the line between facing the camera
 * and three-quarter (her standing frames read 24-30° turned, MediaPipe full, on the camera
 * picture; 33-36° while she squats), so a still start on her first frame fails the set's view
 * check, which then passes only as she starts down: the first squat counted only when the first
 * frame in view still read as standing (one frame, 156° against 155°). Here she is in view from
 * the start: her second squat's bottom (frame 33, 35° turned) held for 6 s, then she stands (to
 * frame 41, 1.8 s) and the clip plays from its start; the view, once passed, is held (quality.ts,
 * VIEW_HOLD_MARGIN_DEG) and the counter is ready before her first squat. The longer hold leaves a
 * set that starts late on a busy machine 7.8 s to see her in view.
 */
export const SQUATS_SESSION_CLIP = { ...SESSION_CLIP, leadInS: 6, leadInFrames: [33, 41] } as const;

/** The soak's camera: the squats clip forwards then backwards, looped by Chromium with no jump. */
export const SOAK_CLIP = { pingPong: true, fps: 15 } as const;
/**
 * Squats in one loop of SOAK_CLIP: 5. Forwards, 2 complete squats, then a 3rd going down (the
 * clip ends while she rises, MANIFEST.md); backwards, that 3rd comes back up to standing (a
 * complete squat), then the first two again in reverse.
 */
export const SOAK_REPS_PER_LOOP = 5;
