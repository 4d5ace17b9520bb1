#!/usr/bin/env node
// Builds the installable app's icons from the one source image, app/icon.svg (also the
// favicon), into public/icons/: "any" icons at 192 and 512 px, "maskable" ones at the same
// sizes (the figure inside the central 80 % safe zone on a full-bleed background of the
// icon's own colour), and a 180 px apple-touch-icon. Sizes are listed once, in
// lib/pwa/icons.json, which app/manifest.ts reads too.
//
// Usage: node scripts/build-icons.mjs [--if-missing] [--out DIR]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = path.join(ROOT, 'app', 'icon.svg');

/** Every icon: file name (under /icons/), size in px, purpose. app/manifest.ts reads the same list. */
export const ICONS = JSON.parse(fs.readFileSync(path.join(ROOT, 'lib', 'pwa', 'icons.json'), 'utf8'));

/** Share of a maskable icon's side the figure may use (the platform's safe zone is a circle of 80 %). */
const SAFE = 0.72;

function backgroundOf(svg) {
  const m = /<rect[^>]*fill="(#[0-9a-fA-F]{3,8})"/.exec(svg);
  if (!m) throw new Error(`${SOURCE}: the first <rect> must have a fill colour (the maskable background).`);
  return m[1];
}

async function render(sharp, svg, size, purpose) {
  const density = (72 * size) / 32; // the source's viewBox is 32 units wide
  if (purpose === 'any') return sharp(Buffer.from(svg), { density }).resize(size, size).png().toBuffer();
  const inner = Math.round(size * (purpose === 'maskable' ? SAFE : 0.86));
  const figure = await sharp(Buffer.from(svg), { density: (72 * inner) / 32 }).resize(inner, inner).png().toBuffer();
  return sharp({ create: { width: size, height: size, channels: 4, background: backgroundOf(svg) } })
    .composite([{ input: figure, gravity: 'centre' }])
    .png()
    .toBuffer();
}

export async function buildIcons(outDir = path.join(ROOT, 'public', 'icons'), { ifMissing = false } = {}) {
  const stamp = path.join(outDir, '.source-sha256');
  const svg = fs.readFileSync(SOURCE, 'utf8');
  const marker = createHash('sha256').update(svg).update(JSON.stringify(ICONS)).digest('hex');
  if (ifMissing && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === marker && ICONS.every((i) => fs.existsSync(path.join(outDir, i.file)))) return;
  let sharp;
  try {
    sharp = (await import('sharp')).default;
  } catch (err) {
    throw new Error(`The icons are drawn with the "sharp" package, which did not load (${err.message}). Run npm ci.`);
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const icon of ICONS) {
    const png = await render(sharp, svg, icon.size, icon.purpose);
    const tmp = path.join(outDir, `.${icon.file}.tmp`);
    fs.writeFileSync(tmp, png);
    fs.renameSync(tmp, path.join(outDir, icon.file));
  }
  fs.writeFileSync(stamp, marker);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf('--out');
  const out = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : undefined;
  buildIcons(out, { ifMissing: args.includes('--if-missing') }).catch((err) => {
    console.error(`build-icons: ${err.message}`);
    process.exit(1);
  });
}
