// A bare Next.js App Router page (a heading and a paragraph, no code of its own), built with the
// project's own `next` and served on 127.0.0.1 beside the app: what React and the Next.js
// runtime cost on this machine, measured in the same Lighthouse session as the app's pages.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForServer } from '../harness/app-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The bare app's files. The icon link only keeps the browser from asking for /favicon.ico (a 404 in the console). */
const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'lighthouse-bare-page', private: true }, null, 2),
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['dom', 'dom.iterable', 'esnext'],
        skipLibCheck: true,
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        resolveJsonModule: true,
        isolatedModules: true,
        jsx: 'preserve',
        plugins: [{ name: 'next' }],
      },
      include: ['next-env.d.ts', '**/*.ts', '**/*.tsx'],
      exclude: ['node_modules'],
    },
    null,
    2,
  ),
  'next-env.d.ts': '/// <reference types="next" />\n/// <reference types="next/image-types/global" />\n',
  'app/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#0f172a"/></svg>\n',
  'app/layout.tsx': `import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: 'Bare Next.js page', description: 'A heading and a paragraph.' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  'app/page.tsx': `export default function Page() {
  return (
    <main>
      <h1>A bare Next.js page</h1>
      <p>
        This page has a heading and a paragraph and no code of its own. It is built with the same Next.js and React as the app, so
        its Lighthouse score is what the framework alone costs on this machine.
      </p>
    </main>
  );
}
`,
};

export interface BareApp {
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
}

async function nextVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'node_modules', 'next', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function run(args: string[], cwd: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), ...args], {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else {
        log(output);
        reject(new Error(`next ${args.join(' ')} in ${cwd} exited with ${code}`));
      }
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Builds the bare page (once per Next.js version and page source: the build is kept in the
 * system's temp folder) and serves it with `next start` on a free port of 127.0.0.1.
 */
export async function startBareApp(log: (line: string) => void = (l) => console.error(l)): Promise<BareApp> {
  const version = await nextVersion();
  const hash = createHash('sha256').update(version).update(JSON.stringify(FILES)).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `lighthouse-bare-next-${version}-${hash}`);
  if (!existsSync(path.join(dir, '.next', 'BUILD_ID'))) {
    log(`lighthouse: building the bare Next.js ${version} page in ${dir}`);
    for (const [file, text] of Object.entries(FILES)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    if (!existsSync(path.join(dir, 'node_modules'))) await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    await run(['build'], dir, log);
  }
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: 'ignore',
    // Its own process group, so stopping it also stops the server process that next start forks.
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForServer(url, 60_000, () => child.exitCode);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, dir, stop };
}
