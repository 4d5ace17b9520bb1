// Import fuzz: generated malformed backup files (cut short, wrong types, huge numbers, deep
// nesting, wrong version, duplicate ids, 10 MB strings, garbage) are each refused with a reason,
// and the database is left exactly as it was.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBackup, readBackupFile } from './backup';
import { PostureDb } from './db';
import { BackupError } from './errors';
import { saveRangeCheck } from './range-checks';
import { createOrJoinSession, saveCheckIn, setSetting } from './records';
import { saveSet } from './sets';
import { saveSnapshot } from './snapshots';
import { checkInRecord, MIN, pictureBlob, rangeCheckRecord, setRecord, snapshotRecord, T0 } from './test-records';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

let db: PostureDb;
/** The database as bytes: every table, pictures included, in one canonical JSON text. */
const dump = async () => JSON.stringify(await exportBackup(db, 0));
let before: string;
/** A valid backup of the filled database (what "Download backup" saves), parsed. */
let valid: Json;
let validText: string;

beforeAll(async () => {
  db = new PostureDb('backup-fuzz');
  await saveSnapshot(db, snapshotRecord('snap-1', T0, pictureBlob(3000)));
  await saveSnapshot(db, snapshotRecord('snap-2', T0 + MIN, null));
  const session = await createOrJoinSession(db, setRecord('set-1', T0, 5));
  await saveSet(db, setRecord('set-2', T0 + 10 * MIN, 6));
  await saveCheckIn(db, checkInRecord('ci-1', T0 + 20 * MIN, session, 2, { redFlags: ['tingling'], note: 'a bit stiff' }));
  await setSetting(db, 'reminders', ['07:30', '19:00']);
  await saveRangeCheck(db, rangeCheckRecord('rc-1', T0 + 30 * MIN));
  before = await dump();
  validText = before;
  valid = JSON.parse(validText) as Json;
  // The untouched file is accepted: the refusals below are the mutations' doing.
  const plan = await readBackupFile(validText, db);
  expect(plan.added).toBe(0);
});

afterAll(async () => {
  await db.delete();
});

/** Fields that hold any JSON on purpose (a setting's value, a set's saved counter). */
const freeForm = (path: Path) => path.includes('counterState') || (path[1] === 'settings' && path[3] === 'value');

function paths(value: Json, at: Path = []): { path: Path; value: Json }[] {
  const out = [{ path: at, value }];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function setAt(root: Json, path: Path, replacement: Json): Json {
  const copy = structuredClone(root);
  if (path.length === 0) return replacement;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[path[path.length - 1]] = replacement;
  return copy;
}

const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const OTHER: Record<string, Json> = { string: 'text', number: 42, boolean: true, array: [1, 'two'], object: { x: 1 } };

let refused = 0;
/** The file is refused with a reason, and the database has not changed. */
async function expectRefused(text: string): Promise<void> {
  let error: unknown = null;
  try {
    await readBackupFile(text, db);
  } catch (err) {
    error = err;
  }
  expect(error, `accepted: ${text.slice(0, 300)}`).toBeInstanceOf(BackupError);
  const message = (error as BackupError).message;
  expect(message.length).toBeGreaterThan(20);
  expect(message).toMatch(/Nothing was imported\./);
  expect(await dump()).toBe(before);
  refused++;
}

const leaves = () => paths(valid).filter((p) => p.path.length > 0 && !freeForm(p.path));

describe('malformed backup files', () => {
  it('cut short anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: validText.length - 1 }), async (cut) => expectRefused(validText.slice(0, cut))),
      { numRuns: 200 },
    );
  });

  it('a value of the wrong type anywhere', async () => {
    const candidates = leaves().filter((p) => p.value !== null);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...candidates), fc.constantFrom(...Object.keys(OTHER)), async ({ path, value }, kind) => {
        fc.pre(kind !== typeOf(value));
        await expectRefused(JSON.stringify(setAt(valid, path, OTHER[kind])));
      }),
      { numRuns: 200 },
    );
  });

  it('huge or infinite numbers in place of any number', async () => {
    const numbers = leaves().filter((p) => typeof p.value === 'number');
    const huge = fc.oneof(
      fc.double({ min: 1e14, max: 1e308, noNaN: true }),
      fc.double({ min: -1e308, max: -1e14, noNaN: true }),
      fc.constant('1e999'),
      fc.constant('-1e999'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...numbers), huge, async ({ path }, n) => {
        const marker = '"__HUGE__"';
        const text = JSON.stringify(setAt(valid, path, '__HUGE__')).replace(marker, typeof n === 'string' ? n : String(n));
        await expectRefused(text);
      }),
      { numRuns: 150 },
    );
  });

  it('a range check damaged anywhere: wrong types, degrees or counts out of bounds, lists too long', async () => {
    const inRangeChecks = leaves().filter((p) => p.path[1] === 'rangeChecks');
    const numbers = inRangeChecks.filter((p) => typeof p.value === 'number' && p.path[p.path.length - 1] !== 'takenAtMs');
    const lists = paths(valid).filter((p) => p.path[1] === 'rangeChecks' && Array.isArray(p.value) && p.path.length > 3);
    expect(numbers.length).toBeGreaterThan(20);
    const damage = fc.oneof(
      // Any field of a range check given a value of another type.
      fc.tuple(fc.constantFrom(...inRangeChecks.filter((p) => p.value !== null)), fc.constantFrom(...Object.keys(OTHER))).filter(([p, kind]) => kind !== typeOf(p.value)).map(([p, kind]) => setAt(valid, p.path, OTHER[kind])),
      // Degrees beyond any angle, negative spreads, fractional or negative counts.
      fc
        .tuple(fc.constantFrom(...numbers), fc.oneof(fc.double({ min: 361, max: 1e12, noNaN: true }), fc.double({ min: -1e12, max: -361, noNaN: true }), fc.constant(-0.5), fc.constant(2.5)))
        .filter(([p, n]) => {
          const field = p.path[p.path.length - 1];
          // -0.5 is a valid median or trial, 2.5 a valid degree anywhere; they damage counts and spreads only.
          if (n === 2.5) return field === 'count';
          if (n === -0.5) return field === 'count' || field === 'spreadDeg';
          // A whole count up to a billion is a real count (361 refused attempts), not damage.
          if (field === 'count') return !(Number.isInteger(n) && n >= 0 && n <= 1e9);
          return true;
        })
        .map(([p, n]) => setAt(valid, p.path, n)),
      // A list padded past its bound with copies of its own entry (or of a measure's result).
      fc.constantFrom(...lists).map((p) => {
        const list = p.value as Json[];
        const entry: Json = list[0] ?? (p.path[p.path.length - 1] === 'trialsDeg' ? 40 : { code: 'moving', message: 'm', count: 1 });
        return setAt(valid, p.path, Array.from({ length: 51 }, () => structuredClone(entry)));
      }),
    );
    await fc.assert(
      fc.asyncProperty(damage, async (file) => expectRefused(JSON.stringify(file))),
      { numRuns: 150 },
    );
  });

  it('deep nesting anywhere, free-form fields included', async () => {
    const all = paths(valid).filter((p) => p.path.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), fc.integer({ min: 200, max: 200_000 }), fc.boolean(), async ({ path }, depth, objects) => {
        const open = objects ? '{"a":' : '[';
        const close = objects ? '}' : ']';
        const text = JSON.stringify(setAt(valid, path, '__DEEP__')).replace('"__DEEP__"', open.repeat(depth) + '1' + close.repeat(depth));
        await expectRefused(text);
      }),
      { numRuns: 100 },
    );
  });

  it('a version this app does not read (1 included: a version 1 file has no range checks)', async () => {
    const version = fc.oneof(
      fc.integer().filter((v) => v !== 2),
      fc.double({ noNaN: true }).filter((v) => v !== 2),
      fc.constant(1),
      fc.string(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.integer(), { maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(version, async (v) => {
        const file = structuredClone(valid) as Record<string, Json>;
        if (v === undefined) delete file.version;
        else file.version = v as Json;
        await expectRefused(JSON.stringify(file));
      }),
      { numRuns: 150 },
    );
  });

  it('duplicate ids within a table', async () => {
    const tables = (valid as { tables: Record<string, Json[]> }).tables;
    const withRecords = Object.keys(tables).filter((t) => tables[t].length > 0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withRecords), fc.nat(), fc.nat(), async (table, which, where) => {
        const file = structuredClone(valid) as { tables: Record<string, Json[]> };
        const records = file.tables[table];
        const copy = structuredClone(records[which % records.length]);
        records.splice(where % (records.length + 1), 0, copy);
        await expectRefused(JSON.stringify(file));
      }),
      { numRuns: 100 },
    );
  });

  it('10 MB strings in any text field, free-form fields included', async () => {
    const strings = paths(valid).filter((p) => p.path.length > 0 && typeof p.value === 'string');
    const big = 'x'.repeat(10 * 1024 * 1024);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...strings), async ({ path }) => {
        await expectRefused(JSON.stringify(setAt(valid, path, big)));
      }),
      { numRuns: 12 },
    );
    // A huge string in a free-form field: a setting's value.
    const settings = (valid as { tables: { settings: Json[] } }).tables.settings;
    expect(settings.length).toBeGreaterThan(0);
    await expectRefused(JSON.stringify(setAt(valid, ['tables', 'settings', 0, 'value'], big)));
  });

  it('garbage: random text, random JSON, random bytes', async () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.json({ maxDepth: 6 }),
      fc.uint8Array({ maxLength: 4000 }).map((bytes) => new Blob([bytes])),
      fc
        .tuple(fc.constantFrom(1, 2), fc.jsonValue({ maxDepth: 3 }))
        .map(([version, tables]) => JSON.stringify({ format: 'posture-tracker-backup', version, exportedAt: new Date(0).toISOString(), tables })),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (file) => {
        let error: unknown = null;
        try {
          await readBackupFile(file, db);
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(BackupError);
        refused++;
      }),
      { numRuns: 200 },
    );
  });

  it('left the database byte-identical, after more than 1,000 refused files', async () => {
    expect(refused).toBeGreaterThanOrEqual(1000);
    expect(await dump()).toBe(before);
  });
});
