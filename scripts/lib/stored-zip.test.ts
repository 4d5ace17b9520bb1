import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, readZip, writeStoredZip } from './stored-zip.mjs';

const DATA_ALIGNMENT = 64;
const enc = new TextEncoder();
const HAS_UNZIP = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;

function bytesOf(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
  });

  it('is 0 for no bytes, and an unsigned number above 2^31', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(enc.encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
});

describe('writeStoredZip / readZip', () => {
  const entries = [
    { name: 'a.tflite', data: bytesOf(1000, 1) },
    { name: 'empty.bin', data: new Uint8Array(0) },
    { name: 'naïve/ünïcode.txt', data: enc.encode('hello') },
    { name: 'x', data: bytesOf(4097, 7) },
  ];

  it('reads back names, order, method, sizes, CRCs and bytes', () => {
    const zip = writeStoredZip(entries);
    const read = readZip(zip);
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    read.forEach((entry, i) => {
      expect(entry.method).toBe(0);
      expect(entry.size).toBe(entries[i].data.length);
      expect(entry.compressedSize).toBe(entries[i].data.length);
      expect(entry.crc).toBe(crc32(entries[i].data));
      expect(entry.data).toEqual(entries[i].data);
    });
  });

  it('is deterministic', () => {
    expect(writeStoredZip(entries)).toEqual(writeStoredZip(entries));
  });

  it('aligns every entry to 64 bytes, whatever the name and data lengths', () => {
    for (let nameLength = 1; nameLength <= 2 * DATA_ALIGNMENT + 3; nameLength++) {
      const zip = writeStoredZip([
        { name: 'n'.repeat(nameLength), data: bytesOf(nameLength * 3 + 1, nameLength) },
        { name: `second-${'m'.repeat(nameLength)}`, data: bytesOf(17, 3) },
      ]);
      for (const entry of readZip(zip)) {
        expect(entry.dataOffset % DATA_ALIGNMENT, `name length ${nameLength}`).toBe(0);
      }
    }
  });

  it('throws on bytes that are not a zip', () => {
    expect(() => readZip(bytesOf(100, 0))).toThrow(/end-of-central-directory/);
  });

  it.skipIf(!HAS_UNZIP)('is accepted by Info-ZIP unzip with good CRCs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stored-zip-'));
    try {
      const file = path.join(dir, 't.zip');
      fs.writeFileSync(file, writeStoredZip(entries));
      const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(out).toContain('No errors detected');
      const listing = execFileSync('unzip', ['-Z', '-v', file], { encoding: 'utf8' });
      expect(listing.match(/compression method:\s+none \(stored\)/g)).toHaveLength(entries.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
