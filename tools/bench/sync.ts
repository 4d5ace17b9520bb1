// `npm run bench:sync`: a year of twice-daily sessions (with their sets, weekly check-ins, the
// programme and a setting) on the sync server, then a fresh browser logs in and the script times
// until every record is in its IndexedDB (sets, sessions, check-ins, the programme and the
// setting, each counted). Prints and writes bench-results/sync.json. The app must be built with
// POSTURE_SYNC_UPSTREAM=http://127.0.0.1:<port> (default 5990), as `npm test` builds it.
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startProgramme } from '../../lib/progression';
import { checkInRecord, setRecord } from '../../lib/storage/test-records';
import { docIdOf, userDbName, type SyncedTable } from '../../lib/sync/rules/docs';
import { chromiumLaunchOptions } from '../browser/chromium';
import { startApp } from '../harness/app-server';
import { ROOT } from '../harness/server';
import { startSyncServer } from '../sync-server/server';

const { values } = parseArgs({ options: { 'sync-port': { type: 'string', default: '5990' }, 'app-port': { type: 'string', default: '3210' }, days: { type: 'string', default: '365' } } });
const DAY = 86_400_000;
const days = Number(values.days);
const person = { name: 'bench', password: 'bench-secret' };

const server = await startSyncServer({ port: Number(values['sync-port']) });
const app = await startApp(Number(values['app-port']), '/settings');
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const probe = await fetch(`${app.origin}/couch`);
  // The server lets nobody in without logging in (CouchDB's require_valid_user): a 401 in CouchDB's words means it answers.
  const answers = probe.ok || (probe.status === 401 && ((await probe.json().catch(() => null)) as { error?: string } | null)?.error === 'unauthorized');
  if (!answers) throw new Error(`the app does not reach the sync server at /couch: build it with POSTURE_SYNC_UPSTREAM=http://127.0.0.1:${values['sync-port']}`);
  await server.createPerson(person.name, person.password);
  const now = Date.now();
  const start = now - days * DAY;
  const records: { table: SyncedTable; key: string; record: object }[] = [];
  for (let d = 0; d < days; d++) {
    for (const hour of [8, 19]) {
      const id = `set-${d}-${hour}`;
      const t = start + d * DAY + hour * 3_600_000;
      const set = { ...setRecord(id, t), sessionId: `session-${id}` };
      records.push({ table: 'sets', key: id, record: set });
      records.push({ table: 'sessions', key: `session-${id}`, record: { id: `session-${id}`, startedAt: t, endedAt: set.updatedAt, exerciseId: set.exerciseId, setIds: [id] } });
    }
    if (d % 7 === 6) records.push({ table: 'checkIns', key: `check-${d}`, record: checkInRecord(`check-${d}`, start + d * DAY + 20 * 3_600_000, null, 1) });
  }
  records.push({ table: 'programme', key: 'current', record: { id: 'current', state: startProgramme(start), growthPercent: 5 } });
  records.push({ table: 'settings', key: 'cues.muted', record: { key: 'cues.muted', value: true } });
  const auth = `Basic ${Buffer.from(`${person.name}:${person.password}`).toString('base64')}`;
  for (let i = 0; i < records.length; i += 500) {
    const docs = records.slice(i, i + 500).map((r) => ({ _id: docIdOf(r.table, r.key), table: r.table, record: r.record, editedAtMs: now, device: 'bench-phone' }));
    const res = await fetch(`${server.url}/${userDbName(person.name)}/_bulk_docs`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ docs }) });
    if (!res.ok) throw new Error(`seeding failed: ${res.status}`);
  }
  const expected: Record<string, number> = { sets: days * 2, sessions: days * 2, checkIns: records.filter((r) => r.table === 'checkIns').length, programme: 1, settings: 1 };
  const loadBefore = os.loadavg()[0];

  const page = await (await browser.newContext()).newPage();
  await page.goto(`${app.origin}/settings`);
  const card = page.getByTestId('sync-card');
  await card.getByLabel('User name').fill(person.name);
  await card.getByLabel('Password').fill(person.password);
  const t0 = Date.now();
  await card.getByRole('button', { name: 'Log in and sync' }).click();
  const count = (table: string) =>
    page.evaluate(
      (name) =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('posture-tracker');
          open.onsuccess = () => {
            const req = open.result.transaction(name).objectStore(name).count();
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result);
            };
          };
        }),
      table,
    );
  let got: Record<string, number> = {};
  const all = () => Object.keys(expected).every((t) => (got[t] ?? 0) >= expected[t]);
  while (Date.now() - t0 < 300_000) {
    got = Object.fromEntries(await Promise.all(Object.keys(expected).map(async (t) => [t, await count(t)] as const)));
    if (all()) break;
    await page.waitForTimeout(250);
  }
  const seconds = (Date.now() - t0) / 1000;
  const result = {
    date: new Date().toISOString(),
    days,
    documents: records.length,
    expected,
    got,
    passed: all(),
    secondsToAllRecords: Number(seconds.toFixed(1)),
    timedOut: !all(),
    ports: { sync: Number(values['sync-port']), app: Number(values['app-port']) },
    chromium: browser.version(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpuCount: os.cpus().length,
    loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round(os.loadavg()[0] * 100) / 100 },
  };
  console.log(JSON.stringify(result));
  const out = path.join(ROOT, 'bench-results/sync.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, out)}`);
  if (!result.passed) process.exitCode = 1;
} finally {
  await browser.close();
  app.stop();
  await server.close();
}
