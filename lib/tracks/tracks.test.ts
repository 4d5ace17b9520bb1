// The track formats: our JSONL (writer and the one parser, with its errors), the TRC writer
// checked by a reader written from the format's published description, OpenPose keypoints, and
// the refusals of a measure needing a landmark (or depth) a format lacks.
import { describe, expect, it } from 'vitest';
import { getExercise, parseExercise } from '../exercise';
import { LANDMARK_COUNT, LANDMARK_INDEX, LANDMARK_NAMES } from '../pose/landmarks';
import { formatTrackJsonl, formatTrackLine, parseTrackJsonl, TrackError } from './jsonl';
import { frameNumberOf, landmarksLackedBy, openPoseTrack, OPENPOSE_KEYPOINTS } from './openpose';
import { exerciseTrackRefusal, rangeTrackRefusal, snapshotTrackRefusal } from './refusals';
import { readTrc } from './test-trc';
import { formatTrc, TRC_MARKER_NAMES, trcTiming } from './trc';
import { poseOfTrackFrame, trackFrameOf, type TrackFrame } from './types';

const W = 640;
const H = 480;
const pixels = (k: number) => Array.from({ length: LANDMARK_COUNT }, (_, i) => [100 + i * 3.123456789 + k, 50 + i * 7.987654321 - k, -20.5 + i * 0.33333333, 0.5 + (i % 5) * 0.1234567]);
const world = (k: number) => Array.from({ length: LANDMARK_COUNT }, (_, i) => [-0.3 + i * 0.01234567 + k * 0.001, -0.8 + i * 0.0456789, 0.1 - i * 0.003333333, 0.9 - (i % 3) * 0.1]);
const frame = (i: number, withPose = true): TrackFrame => ({
  frame: i,
  timestampMs: Math.round((i * 1000) / 30),
  width: W,
  height: H,
  peopleCount: withPose ? 1 : 0,
  landmarks: withPose ? pixels(i) : null,
  world: withPose ? world(i) : null,
});
const FRAMES = [frame(0), frame(1), frame(2, false), frame(3)];

function errorOf(text: string): string {
  try {
    parseTrackJsonl(text);
  } catch (err) {
    expect(err).toBeInstanceOf(TrackError);
    return (err as Error).message;
  }
  throw new Error('no error');
}

describe('JSONL tracks', () => {
  it('writes the fields the session page reads, and world landmarks unless asked not to', () => {
    const line = JSON.parse(formatTrackLine(FRAMES[0])) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['frame', 'timestampMs', 'landmarks', 'width', 'height', 'peopleCount', 'world']);
    expect(Object.keys(JSON.parse(formatTrackLine(FRAMES[0], { world: false })) as object)).not.toContain('world');
    expect(Object.keys(JSON.parse(formatTrackLine(FRAMES[2])) as object)).not.toContain('world');
    expect(formatTrackJsonl(FRAMES).split('\n')).toHaveLength(FRAMES.length + 1);
  });

  it('rounds to 1/10000 px and 1e-6 m and visibility, and reads back what it wrote', () => {
    const back = parseTrackJsonl(formatTrackJsonl(FRAMES));
    expect(back).toHaveLength(FRAMES.length);
    back.forEach((f, i) => {
      const src = FRAMES[i];
      expect(f).toMatchObject({ frame: src.frame, timestampMs: src.timestampMs, width: W, height: H, peopleCount: src.peopleCount });
      if (!src.landmarks) return expect(f.landmarks).toBeNull();
      f.landmarks!.forEach((p, j) => {
        for (let c = 0; c < 3; c++) expect(Math.abs(p[c] - src.landmarks![j][c])).toBeLessThanOrEqual(0.5e-4 + 1e-9);
        expect(Math.abs(p[3] - src.landmarks![j][3])).toBeLessThanOrEqual(0.5e-6 + 1e-12);
      });
      f.world!.forEach((p, j) => p.forEach((v, c) => expect(Math.abs(v - src.world![j][c])).toBeLessThanOrEqual(0.5e-6 + 1e-12)));
    });
    // Writing what was read changes nothing.
    expect(formatTrackJsonl(back)).toBe(formatTrackJsonl(FRAMES));
  });

  it('turns frames into poses and back: normalized by the image size, world landmarks in metres', () => {
    const pose = poseOfTrackFrame(FRAMES[1])!;
    expect(pose.imageWidth).toBe(W);
    expect(pose.landmarks[5].x).toBeCloseTo(FRAMES[1].landmarks![5][0] / W, 12);
    expect(pose.landmarks[5].z).toBeCloseTo(FRAMES[1].landmarks![5][2] / W, 12);
    expect(pose.worldLandmarks![7].yM).toBe(FRAMES[1].world![7][1]);
    expect(poseOfTrackFrame(FRAMES[2])).toBeNull();
    const again = trackFrameOf(1, FRAMES[1].timestampMs, W, H, pose);
    again.landmarks!.forEach((p, j) => p.forEach((v, c) => expect(v).toBeCloseTo(FRAMES[1].landmarks![j][c], 9)));
    expect(again.world).toEqual(FRAMES[1].world);
    expect(trackFrameOf(4, 0, W, H, null)).toMatchObject({ landmarks: null, peopleCount: 0 });
    expect(poseOfTrackFrame({ ...FRAMES[1], world: undefined })!.worldLandmarks).toBeNull();
  });

  it('reads old recordings without world landmarks', () => {
    const [f] = parseTrackJsonl(formatTrackLine(FRAMES[0], { world: false }));
    expect(f.world).toBeUndefined();
    expect(poseOfTrackFrame(f)!.worldLandmarks).toBeNull();
  });

  const good = formatTrackJsonl(FRAMES);
  const lines = good.trimEnd().split('\n');
  const edit = (i: number, change: (row: Record<string, unknown>) => void) => {
    const row = JSON.parse(lines[i]) as Record<string, unknown>;
    change(row);
    return [...lines.slice(0, i), JSON.stringify(row), ...lines.slice(i + 1)].join('\n') + '\n';
  };

  it.each([
    ['an empty file', '', /^the track has no frames/],
    ['blank lines only', '\n\n  \n', /^the track has no frames/],
    ['a line that is not JSON', `${lines[0]}\nhello\n${lines[1]}\n`, /^line 2: not JSON$/],
    ['NaN (not JSON)', lines[0].replace(/\[\[[\d.-]+,/, '[[NaN,') + '\n', /^line 1: not JSON$/],
    ['a truncated last line', good.slice(0, -40), /^line 4: not JSON: the file ends in the middle of a line/],
    ['a JSON array', '[1,2]\n', /^line 1: not a JSON object/],
    ['too few landmarks', edit(1, (r) => (r.landmarks as unknown[]).pop()), /^line 2: "landmarks" must have 33 landmarks/],
    ['a landmark of 3 numbers', edit(1, (r) => (r.landmarks as number[][])[4].pop()), /^line 2: "landmarks\[4\]" each landmark must be \[x_px, y_px, z, visibility\]/],
    ['a string for a number', edit(0, (r) => ((r.landmarks as unknown[][])[3][1] = '12')), /^line 1: "landmarks\[3\]\[1\]" must be a finite number/],
    ['Infinity (1e999)', lines[0].replace(/\[\[[\d.-]+,/, '[[1e999,') + '\n', /^line 1: "landmarks\[0\]\[0\]" must be a finite number/],
    ['a visibility above 1', edit(0, (r) => ((r.landmarks as number[][])[3][3] = 1.5)), /^line 1: "landmarks\[3\]\[3\]" visibility must be between 0 and 1/],
    ['world landmarks of the wrong count', edit(0, (r) => (r.world as unknown[]).splice(0, 2)), /^line 1: "world" must have 33 landmarks/],
    ['no width', edit(3, (r) => delete r.width), /^line 4: "width" is missing: the image size in pixels is needed/],
    ['a zero height', edit(3, (r) => (r.height = 0)), /^line 4: "height" must be a positive number of pixels/],
    ['no timestamp', edit(1, (r) => delete r.timestampMs), /^line 2: "timestampMs" is missing: a number is needed/],
    ['a frame out of order', edit(2, (r) => (r.frame = 0)), /^line 3: frame 0 comes after frame 1: frames must be in increasing order/],
    ['a duplicate timestamp', edit(1, (r) => (r.timestampMs = 0)), /^line 2: timestampMs 0 is the same as the line before's \(0\): timestamps must increase/],
    ['a timestamp going back', edit(3, (r) => (r.timestampMs = 10)), /^line 4: timestampMs 10 is before the line before's \(67\)/],
  ])('refuses %s, naming the line and what is wrong', (_, text, message) => {
    expect(errorOf(text)).toMatch(message);
  });
});

describe('TRC marker files', () => {
  it('has the header, 33 named markers in metres, and the JSONL world landmarks as positions', () => {
    const jsonl = parseTrackJsonl(formatTrackJsonl(FRAMES));
    const trc = readTrc(formatTrc(FRAMES, { fileName: 'walk.trc' }));
    expect(trc).toMatchObject({ fileName: 'walk.trc', rate: 30, cameraRate: 30, numFrames: 4, origNumFrames: 4, startFrame: 1, units: 'm' });
    expect(trc.markerNames).toEqual([...LANDMARK_NAMES]);
    expect(TRC_MARKER_NAMES).toHaveLength(33);
    expect(trc.frames.map((f) => f.frame)).toEqual([1, 2, 3, 4]);
    trc.frames.forEach((f) => expect(f.time).toBeCloseTo((f.frame - trc.startFrame) / trc.rate, 6));
    trc.frames.forEach((f, i) => {
      const w = jsonl[i].world;
      if (!w) return expect(f.markers.every((m) => m === null)).toBe(true);
      f.markers.forEach((m, j) => expect(m).toEqual(w[j].slice(0, 3)));
    });
  });

  it('takes the frame rate given (a video), or the timestamps’ whole-number rate', () => {
    expect(readTrc(formatTrc(FRAMES, { fileName: 'a.trc', rateHz: 30 })).rate).toBe(30);
    const at5 = FRAMES.map((f, i) => ({ ...f, timestampMs: i * 200 }));
    expect(readTrc(formatTrc(at5, { fileName: 'a.trc' })).rate).toBe(5);
    expect(readTrc(formatTrc([FRAMES[0]], { fileName: 'still.trc' })).rate).toBe(1);
  });

  it('refuses a track without world landmarks, and frames off the rate given', () => {
    expect(() => formatTrc(FRAMES.map((f) => ({ ...f, world: null })), { fileName: 'a.trc' })).toThrow(/no frame has world landmarks/);
    expect(() => formatTrc(FRAMES, { fileName: 'a.trc', rateHz: 25 })).toThrow(/frame 1 is at 33 ms, not 40 ms: the frames do not lie on the frame rate given \(25 Hz\)/);
    expect(() => formatTrc(FRAMES, { fileName: 'a.trc', rateHz: 25 })).toThrow(TrackError);
  });

  it("uneven frames (a camera's): each row keeps its frame's own time, the header the average rate, nothing resampled", () => {
    const times = [0, 31, 90, 300];
    const uneven = FRAMES.map((f, i) => ({ ...f, timestampMs: times[i] }));
    expect(trcTiming(uneven)).toEqual({ rate: 10, even: false });
    expect(trcTiming(FRAMES)).toEqual({ rate: 30, even: true });
    const trc = readTrc(formatTrc(uneven, { fileName: 'set.trc' }));
    expect(trc.rate).toBe(10);
    expect(trc.numFrames).toBe(4);
    expect(trc.frames.map((f) => f.time)).toEqual([0, 0.031, 0.09, 0.3]);
    const jsonl = parseTrackJsonl(formatTrackJsonl(uneven));
    trc.frames.forEach((f, i) => {
      const w = jsonl[i].world;
      if (w) f.markers.forEach((m, j) => expect(m).toEqual(w[j].slice(0, 3)));
    });
  });
});

/** OpenPose keypoints [x, y, c, ...] of a format from BlazePose pixel landmarks. */
function keypoints(format: keyof typeof OPENPOSE_KEYPOINTS, px: readonly (readonly number[])[]): number[] {
  return OPENPOSE_KEYPOINTS[format].flatMap((name) => (name ? [px[LANDMARK_INDEX[name]][0], px[LANDMARK_INDEX[name]][1], px[LANDMARK_INDEX[name]][3]] : [1, 1, 0.8]));
}
const opFile = (n: number, people: number[][]) => ({ name: `clip_${String(n).padStart(12, '0')}_keypoints.json`, text: JSON.stringify({ version: 1.3, people: people.map((k) => ({ person_id: [-1], pose_keypoints_2d: k })) }) });

describe('OpenPose keypoints', () => {
  it.each(['BODY_25', 'COCO-17', 'HALPE_26'] as const)('%s: told by length, mapped onto the BlazePose landmarks it shares', (format) => {
    const files = [2, 0, 1].map((n) => opFile(n, [keypoints(format, pixels(n))]));
    const track = openPoseTrack(files, { fps: 10, size: { width: W, height: H } });
    expect(track.format).toBe(format);
    expect(track.frames.map((f) => [f.frame, f.timestampMs])).toEqual([[0, 0], [1, 100], [2, 200]]);
    const f = track.frames[1];
    for (const name of LANDMARK_NAMES) {
      const p = f.landmarks![LANDMARK_INDEX[name]];
      if (track.lacks.includes(name)) expect(p).toEqual([0, 0, 0, 0]);
      else expect(p).toEqual([pixels(1)[LANDMARK_INDEX[name]][0], pixels(1)[LANDMARK_INDEX[name]][1], 0, pixels(1)[LANDMARK_INDEX[name]][3]]);
    }
    expect(f.world).toBeUndefined();
  });

  it('lists what each format lacks', () => {
    expect(landmarksLackedBy('COCO-17')).toContain('left_heel');
    expect(landmarksLackedBy('COCO-17')).toContain('right_foot_index');
    expect(landmarksLackedBy('BODY_25')).not.toContain('left_heel');
    expect(landmarksLackedBy('HALPE_26')).not.toContain('left_foot_index');
    for (const f of ['BODY_25', 'COCO-17', 'HALPE_26'] as const) expect(landmarksLackedBy(f)).toContain('mouth_left');
  });

  it('follows the main person (the largest), counts everyone, and reads confidence 0 as not seen', () => {
    const small = keypoints('COCO-17', pixels(0).map(([x, y, z, v]) => [x / 4, y / 4, z, v]));
    const big = keypoints('COCO-17', pixels(0));
    big[2] = 0; // the nose not found
    const t = openPoseTrack([opFile(0, [small, big]), opFile(1, [])], { fps: 30, size: { width: W, height: H } });
    expect(t.frames[0].peopleCount).toBe(2);
    expect(t.frames[0].landmarks![LANDMARK_INDEX.left_hip][0]).toBe(pixels(0)[LANDMARK_INDEX.left_hip][0]);
    expect(t.frames[0].landmarks![LANDMARK_INDEX.nose]).toEqual([0, 0, 0, 0]);
    expect(t.frames[1]).toMatchObject({ landmarks: null, peopleCount: 0, timestampMs: 33 });
  });

  it('without a size, takes the smallest picture that holds every keypoint', () => {
    const t = openPoseTrack([opFile(0, [keypoints('COCO-17', pixels(0))])], { fps: 30 });
    const seen = OPENPOSE_KEYPOINTS['COCO-17'].map((n) => pixels(0)[LANDMARK_INDEX[n!]]);
    expect(t.width).toBe(Math.ceil(Math.max(...seen.map((p) => p[0]))));
    expect(t.height).toBe(Math.ceil(Math.max(...seen.map((p) => p[1]))));
    expect(t.sizeGiven).toBe(false);
  });

  it('takes the frame number from the name', () => {
    expect(frameNumberOf('dir/walk_000000000042_keypoints.json')).toBe(42);
    expect(frameNumberOf('walk2_000000000007_keypoints.json')).toBe(7);
    expect(frameNumberOf('keypoints.json')).toBeNull();
  });

  it.each([
    ['not JSON', [{ name: 'a_000000000000_keypoints.json', text: '{"people": [' }], /^a_000000000000_keypoints.json: not JSON$/],
    ['no people list', [{ name: 'a_000000000000_keypoints.json', text: '{"version": 1.3}' }], /"people" must be a list of people/],
    ['a wrong keypoint count', [opFile(0, [[1, 2, 3, 4, 5, 6]])], /people\[0\] has 6 numbers: expected 3 per keypoint for 25 \(BODY_25\), 17 \(COCO-17\) or 26 \(HALPE_26\)/],
    ['a string keypoint', [{ name: 'a_000000000000_keypoints.json', text: '{"people":[{"pose_keypoints_2d":["1"]}]}' }], /"people\[0\].pose_keypoints_2d\[0\]" must hold numbers only/],
    ['mixed formats', [opFile(0, [keypoints('COCO-17', pixels(0))]), opFile(1, [keypoints('BODY_25', pixels(0))])], /BODY_25 keypoints, but .* has COCO-17/],
    ['the same frame twice', [opFile(3, []), { ...opFile(3, []), name: 'b_000000000003_keypoints.json' }], /frame 3 twice/],
    ['nobody anywhere', [opFile(0, [])], /nobody in any file/],
    ['no number in a name', [{ name: 'keypoints.json', text: '{"people":[]}' }], /no frame number in the name/],
  ])('refuses %s, naming the file', (_, files, message) => {
    expect(() => openPoseTrack(files, { fps: 30 })).toThrow(message);
  });
});

describe('refusals of what a format lacks', () => {
  const coco = { format: 'COCO-17', lacks: landmarksLackedBy('COCO-17'), depth: false };
  const body25 = { format: 'BODY_25', lacks: landmarksLackedBy('BODY_25'), depth: false };
  const ours = { format: 'JSONL', lacks: [], depth: true };
  const ankle = parseExercise({ id: 'ankle-bend', kind: 'reps', signal: { type: 'joint-angle', landmarks: ['near_knee', 'near_ankle', 'near_foot_index'] }, enterDeg: 100, exitDeg: 110 });

  it('refuses a measure needing a landmark the format does not have, naming it', () => {
    expect(exerciseTrackRefusal(ankle, coco)).toEqual({ code: 'track-lacks-landmark', message: expect.stringMatching(/needs the left toes and right toes, which COCO-17 tracks do not have\.$/) });
    expect(exerciseTrackRefusal(ankle, body25)).toBeNull();
    expect(exerciseTrackRefusal(getExercise('squat')!, coco)).toBeNull();
    expect(snapshotTrackRefusal(coco)).toBeNull();
    expect(exerciseTrackRefusal(ankle, ours)).toBeNull();
  });

  it('refuses the rotation test without depth', () => {
    expect(rangeTrackRefusal('rotation', coco)?.code).toBe('track-lacks-depth');
    expect(rangeTrackRefusal('rotation', coco)?.message).toMatch(/COCO-17 tracks do not have/);
    expect(rangeTrackRefusal('rotation', ours)).toBeNull();
    expect(rangeTrackRefusal('overhead-reach', coco)).toBeNull();
  });
});
