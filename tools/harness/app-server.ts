// The production build served for a benchmark or soak script: `next start` on 127.0.0.1,
// waited for, and stopped afterwards (with its children).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './server';

export interface AppServer {
  readonly origin: string;
  stop(): void;
}

/** Builds the app first when there is no production build yet. */
export function ensureBuild(): void {
  if (existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) return;
  console.error('building the app (next build)…');
  execFileSync(path.join(ROOT, 'node_modules/.bin/next'), ['build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
}

/** Resolves once `url` answers 200; rejects after `timeoutMs`, or at once when `exitCode` (the server's process) says it has exited. */
export async function waitForServer(url: string, timeoutMs: number, exitCode: () => number | null = () => null): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const code = exitCode();
    if (code !== null) throw new Error(`the server for ${url} exited (${code})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not start at ${url}`);
}

/** Starts `next start` on `port` and resolves once `pathname` answers. */
export async function startApp(port: number, pathname = '/'): Promise<AppServer> {
  ensureBuild();
  const server = spawn(path.join(ROOT, 'node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${origin}${pathname}`, 90_000);
  } catch (err) {
    stop();
    throw err;
  }
  return { origin, stop };
}
