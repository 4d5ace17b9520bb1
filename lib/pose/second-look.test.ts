import { describe, expect, it } from 'vitest';
import { bodyPose } from '../angles/test-poses';
import { createSecondLook, cropRgba, distinctPeople, findEveryone, hiddenShare, hideMask, personBox, poseDistance, regionsBesides, SECOND_LOOK_INTERVAL_MS, SECOND_LOOK_SHARE, type Landmarks, type PeopleFinder, type Rect } from './second-look';

describe('second look', () => {
  it('searches the strips beside, above and below the main person that could hold someone', () => {
    // A person about 460 px tall standing on the floor of a 1280x720 frame, left of centre.
    const pose = bodyPose({ anchor: [300, 450] });
    const box = personBox(pose);
    const regions = regionsBesides(pose);
    // Left, right and above her there is room for someone; below her feet there is not.
    expect(regions.map((r) => [r.x === 0, r.y === 0, r.width === 1280, r.height === 720])).toEqual([
      [true, true, false, true],
      [false, true, false, true],
      [true, true, true, false],
    ]);
    expect(regions[0].x + regions[0].width).toBeLessThan(box.x);
    expect(regions[1].x).toBeGreaterThan(box.x + box.width);
    expect(regions[2].y + regions[2].height).toBeLessThan(box.y);

  });

  it('looks at most once a second in a video (the first look a second in, so the first frames come back at once), every time for stills, and keeps the answer in between', async () => {
    let searches = 0;
    const look = createSecondLook(async () => {
      searches++;
      return 2;
    });
    const pose = bodyPose({ anchor: [300, 450] });
    expect((await look.apply(pose, 0, false))?.peopleCount).toBe(1);
    expect(searches).toBe(0);
    expect((await look.apply(pose, SECOND_LOOK_INTERVAL_MS, false))?.peopleCount).toBe(2);
    expect((await look.apply(pose, SECOND_LOOK_INTERVAL_MS * 1.5, false))?.peopleCount).toBe(2);
    expect(searches).toBe(1);
    await look.apply(pose, SECOND_LOOK_INTERVAL_MS * 2, false);
    expect(searches).toBe(2);
    await look.apply(pose, SECOND_LOOK_INTERVAL_MS * 2 + 1, true);
    expect(searches).toBe(3);
    expect(await look.apply(null, 5000, false)).toBeNull();
    const off = createSecondLook(async () => 2, false);
    expect((await off.apply(pose, 0, true))?.peopleCount).toBe(1);
  });

  it('looks less often when a look costs more than its share of the time (the first look, with its set-up, is not judged)', async () => {
    let now = 0;
    let searches = 0;
    const look = createSecondLook(
      async () => {
        searches++;
        now += searches === 1 ? 900 : 120; // the first look sets up its landmarker; then 120 ms each
        return 1;
      },
      true,
      () => now,
    );
    const pose = bodyPose({ anchor: [300, 450] });
    const I = SECOND_LOOK_INTERVAL_MS;
    await look.apply(pose, 0, false);
    await look.apply(pose, I, false);
    await look.apply(pose, 2 * I, false);
    expect(searches).toBe(2);
    const gap = 120 / SECOND_LOOK_SHARE;
    expect(gap).toBeGreaterThan(I);
    await look.apply(pose, 2 * I + gap - 1, false);
    expect(searches).toBe(2);
    await look.apply(pose, 2 * I + gap, false);
    expect(searches).toBe(3);
    // A reset (a new video) starts from the plain interval again.
    look.reset();
    await look.apply(pose, 0, false);
    await look.apply(pose, I, false);
    await look.apply(pose, 2 * I, false);
    expect(searches).toBe(5);
  });

  it('copies a rectangle out of an RGBA picture', () => {
    const data = new Uint8ClampedArray(4 * 3 * 4).map((_, i) => i);
    const crop = cropRgba({ data, width: 4, height: 3 }, { x: 1, y: 1, width: 2, height: 2 });
    expect([crop.width, crop.height]).toEqual([2, 2]);
    expect([...crop.data.slice(0, 4)]).toEqual([20, 21, 22, 23]);
    expect([...crop.data.slice(8, 12)]).toEqual([36, 37, 38, 39]);
  });

  it('a person painted over covers their bones, trunk and head, and little else', () => {
    const pose = bodyPose({ anchor: [300, 450] });
    const W = pose.imageWidth;
    const H = pose.imageHeight;
    const whole: Rect = { x: 0, y: 0, width: W, height: H };
    const mask = hideMask(whole, W, H, [pose.landmarks]);
    const at = (x: number, y: number) => mask[Math.round(y) * W + Math.round(x)];
    for (const l of pose.landmarks) expect(at(l.x * W, l.y * H)).toBe(1);
    const box = personBox(pose);
    expect(at(box.x + box.width + 100, box.y)).toBe(0);
    const share = mask.reduce((n, m) => n + m, 0) / (W * H);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.15);
    // The same mask for a part of the picture, in that part's pixels.
    const part: Rect = { x: 200, y: 100, width: 300, height: 400 };
    const partMask = hideMask(part, W, H, [pose.landmarks]);
    expect(partMask[(250 - 100) * 300 + (310 - 200)]).toBe(at(310, 250));
    // A pose found there is a ghost of the one painted over.
    expect(hiddenShare(pose.landmarks, W, H, [pose.landmarks])).toBe(1);
    expect(hiddenShare(bodyPose({ anchor: [900, 450] }).landmarks, W, H, [pose.landmarks])).toBe(0);
  });

  it('tells one person read twice from two people, left and right either way round', () => {
    const a = bodyPose({ anchor: [300, 450] });
    const W = a.imageWidth;
    const H = a.imageHeight;
    const again = bodyPose({ anchor: [306, 446] });
    const mirrored = bodyPose({ anchor: [300, 450], facing: -1 });
    const beside = bodyPose({ anchor: [420, 450] });
    expect(poseDistance(a.landmarks, again.landmarks, W, H)).toBeLessThan(0.1);
    expect(poseDistance(a.landmarks, mirrored.landmarks, W, H)).toBeLessThan(0.35);
    expect(poseDistance(a.landmarks, beside.landmarks, W, H)).toBeGreaterThan(0.5);
    // A landmarker's poses: the main person, once more, and someone beside them.
    expect(distinctPeople(a.landmarks, [a.landmarks, again.landmarks], W, H)).toBe(1);
    expect(distinctPeople(a.landmarks, [a.landmarks, again.landmarks, beside.landmarks], W, H)).toBe(2);
  });

  it('finds everyone once: the whole picture with the people found painted over, round after round, then beside the main person', async () => {
    const main = bodyPose({ anchor: [300, 450] });
    const W = main.imageWidth;
    const H = main.imageHeight;
    const behind = bodyPose({ anchor: [430, 380] }).landmarks;
    const far = bodyPose({ anchor: [1100, 450] }).landmarks;
    const calls: { rect: Rect | null; hidden: number }[] = [];
    // A detector that sees whoever is not painted over, and the main person's ghost where they were painted.
    const finder: PeopleFinder = {
      async find(rect, hide) {
        calls.push({ rect, hidden: hide.length });
        const shown = (p: Landmarks) => !hide.includes(p);
        if (rect === null) return [main.landmarks, behind].filter(shown).concat(hide.includes(main.landmarks) ? [main.landmarks] : []);
        return rect.x + rect.width > 1100 ? [far] : [];
      },
    };
    const people = await findEveryone(finder, main);
    expect(people).toEqual([main.landmarks, behind, far]);
    // Round one finds the person behind; round two, with both painted over, nobody new.
    expect(calls.slice(0, 2)).toEqual([{ rect: null, hidden: 1 }, { rect: null, hidden: 2 }]);
    // Then the parts beside the main person, everyone found so far painted over there too.
    expect(calls.slice(2).length).toBeGreaterThan(0);
    expect(calls.slice(2).every((c) => c.rect !== null && c.hidden >= 2)).toBe(true);
  });

  it('counts nobody new for a find too small to be a person, with too few landmarks seen, or that is someone already found', async () => {
    const main = bodyPose({ anchor: [300, 450] });
    const tiny = main.landmarks.map((l) => ({ ...l, x: 0.9 + (l.x - 0.23) * 0.1, y: 0.5 + (l.y - 0.6) * 0.1 }));
    const unseen = bodyPose({ anchor: [900, 450], visibility: 0.3 }).landmarks;
    const again = bodyPose({ anchor: [304, 452] }).landmarks;
    const finder: PeopleFinder = { find: async () => [tiny, unseen, again] };
    expect(await findEveryone(finder, main)).toEqual([main.landmarks]);
  });
});

