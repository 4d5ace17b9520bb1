import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModels, MODEL_VARIANTS, outputFiles, SOURCES, TASK_ENTRIES, type SourceKey } from './build-models.mjs';
import { tfliteMetadataBuffer } from './lib/flatbuffer.mjs';
import { readZip } from './lib/stored-zip.mjs';
import { readImageNormalization } from './lib/tflite-metadata.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const SCRIPT = path.join(ROOT, 'scripts/build-models.mjs');
const DATA_ALIGNMENT = 64;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const EXPECTED_NORMALIZATION = {
  'pose_detector.tflite': { mean: [127.5], std: [127.5] },
  'pose_landmarks_detector.tflite': { mean: [0], std: [255] },
} as const;
const LANDMARK_SOURCE: Record<(typeof MODEL_VARIANTS)[number], SourceKey> = {
  lite: 'landmarkLite',
  full: 'landmarkFull',
  heavy: 'landmarkHeavy',
};

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

function sourcePath(key: SourceKey): string {
  const [pkg, rel] = SOURCES[key];
  return path.join(NODE_MODULES, pkg, rel);
}

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

/**
 * A node_modules whose packages are symlinks to the real ones, except @mediapipe/pose: a
 * directory of its own in which `mutate` may replace pose_landmark_full.tflite.
 */
function fakeNodeModules(mutate: (original: Buffer) => Buffer): string {
  const fake = tempDir('fake-node-modules');
  for (const entry of fs.readdirSync(NODE_MODULES)) {
    if (entry === '@mediapipe') continue;
    fs.symlinkSync(path.join(NODE_MODULES, entry), path.join(fake, entry));
  }
  fs.mkdirSync(path.join(fake, '@mediapipe'));
  fs.symlinkSync(path.join(NODE_MODULES, '@mediapipe/tasks-vision'), path.join(fake, '@mediapipe/tasks-vision'));
  const realPose = path.join(NODE_MODULES, '@mediapipe/pose');
  const fakePose = path.join(fake, '@mediapipe/pose');
  fs.mkdirSync(fakePose);
  for (const file of fs.readdirSync(realPose)) {
    const target = path.join(fakePose, file);
    if (file === 'pose_landmark_full.tflite') fs.writeFileSync(target, mutate(fs.readFileSync(path.join(realPose, file))));
    else fs.copyFileSync(path.join(realPose, file), target);
  }
  return fake;
}

function runBuildScript(outDir: string, nodeModules: string) {
  return spawnSync(process.execPath, [SCRIPT, '--out', outDir, '--node-modules', nodeModules], { encoding: 'utf8' });
}

describe('build-models', () => {
  let outA: string;
  let outB: string;

  beforeAll(() => {
    outA = tempDir('models-a');
    outB = tempDir('models-b');
    buildModels({ outDir: outA });
    buildModels({ outDir: outB });
  });

  afterAll(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes exactly the declared outputs, byte-identical across two builds', () => {
    const expected = outputFiles(outA).map((f) => path.relative(outA, f)).sort();
    expect(listFiles(outA)).toEqual(expected);
    expect(listFiles(outB)).toEqual(expected);
    for (const rel of expected) {
      const a = fs.readFileSync(path.join(outA, rel));
      const b = fs.readFileSync(path.join(outB, rel));
      expect(a.length, rel).toBeGreaterThan(0);
      expect(a.equals(b), `${rel} differs between builds`).toBe(true);
    }
  });

  describe.each(MODEL_VARIANTS)('pose_landmarker_%s.task', (variant) => {
    const taskBytes = () => new Uint8Array(fs.readFileSync(path.join(outA, 'models', `pose_landmarker_${variant}.task`)));

    it('holds the detector and landmark models, stored, in order, with normalization metadata', () => {
      const entries = readZip(taskBytes());
      expect(entries.map((e) => e.name)).toEqual([...TASK_ENTRIES]);
      for (const entry of entries) {
        expect(entry.method, entry.name).toBe(0);
        expect(entry.compressedSize).toBe(entry.size);
        expect(entry.dataOffset % DATA_ALIGNMENT, entry.name).toBe(0);
        const data = entry.data;
        if (!data) throw new Error(`${entry.name} has no stored data`);
        const metadata = tfliteMetadataBuffer(data);
        if (!metadata) throw new Error(`${entry.name} has no TFLITE_METADATA`);
        const want = EXPECTED_NORMALIZATION[entry.name as keyof typeof EXPECTED_NORMALIZATION];
        expect(readImageNormalization(metadata)).toEqual({ mean: [...want.mean], std: [...want.std] });
      }
    });

    it('agrees with a direct reading of the local headers', () => {
      const bytes = Buffer.from(taskBytes());
      const sources = [fs.readFileSync(sourcePath('packedAssets')), fs.readFileSync(sourcePath(LANDMARK_SOURCE[variant]))];
      let offset = 0;
      TASK_ENTRIES.forEach((name, i) => {
        expect(bytes.readUInt32LE(offset), `${name} signature`).toBe(LOCAL_HEADER_SIGNATURE);
        expect(bytes.readUInt16LE(offset + 8), `${name} method`).toBe(0);
        const crc = bytes.readUInt32LE(offset + 14);
        const compressedSize = bytes.readUInt32LE(offset + 18);
        const size = bytes.readUInt32LE(offset + 22);
        const nameLength = bytes.readUInt16LE(offset + 26);
        const extraLength = bytes.readUInt16LE(offset + 28);
        expect(bytes.toString('utf8', offset + 30, offset + 30 + nameLength)).toBe(name);
        expect(compressedSize).toBe(size);
        const dataStart = offset + 30 + nameLength + extraLength;
        expect(dataStart % DATA_ALIGNMENT).toBe(0);
        const data = bytes.subarray(dataStart, dataStart + size);
        expect(zlibCrc32(data) >>> 0, `${name} CRC-32`).toBe(crc);
        expect(data.toString('latin1', 4, 8), `${name} TFLite identifier`).toBe('TFL3');
        // The metadata is a prefix: the pinned upstream model must follow it unchanged.
        const source = sources[i];
        expect(size).toBeGreaterThan(source.length);
        expect(data.subarray(size - source.length).equals(source), `${name} ends with its source model`).toBe(true);
        expect(data.subarray(0, size - source.length).includes(Buffer.from('M001'))).toBe(true);
        offset = dataStart + size;
      });
      expect(bytes.readUInt32LE(offset), 'central directory follows the last entry').toBe(0x02014b50);
    });
  });

  it('refuses a truncated source model, naming it, and writes no .task', () => {
    const fake = fakeNodeModules((original) => original.subarray(0, original.length - 1000));
    const out = tempDir('models-truncated');
    const result = runBuildScript(out, fake);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('pose_landmark_full.tflite');
    expect(result.stderr).toMatch(/truncated: \d+ bytes, expected 6440512/);
    expect(listFiles(out).filter((f) => f.endsWith('.task'))).toEqual([]);
  });

  it('refuses a same-size corrupt source model by its SHA-256', () => {
    const fake = fakeNodeModules((original) => {
      const copy = Buffer.from(original);
      copy[copy.length >> 1] ^= 0xff;
      return copy;
    });
    const out = tempDir('models-corrupt');
    const result = runBuildScript(out, fake);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('pose_landmark_full.tflite');
    expect(result.stderr).toContain('content changed or corrupt');
    expect(listFiles(out).filter((f) => f.endsWith('.task'))).toEqual([]);
  });
});
