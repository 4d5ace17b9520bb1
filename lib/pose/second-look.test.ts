import { describe, expect, it } from 'vitest';
import { bodyPose } from '../angles/test-poses';
import { createSecondLook, cropRgba, personBox, regionsBesides, SECOND_LOOK_INTERVAL_MS, SECOND_LOOK_SHARE } from './second-look';

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
      return 1;
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
    const off = createSecondLook(async () => 1, false);
    expect((await off.apply(pose, 0, true))?.peopleCount).toBe(1);
  });

  it('looks less often when a look costs more than its share of the time (the first look, with its set-up, is not judged)', async () => {
    let now = 0;
    let searches = 0;
    const look = createSecondLook(
      async () => {
        searches++;
        now += searches === 1 ? 900 : 120; // the first look sets up its landmarker; then 120 ms each
        return 0;
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
});
