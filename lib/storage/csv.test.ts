import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { csvField, rangeChecksCsv, sessionsCsv, toCsv } from './csv';
import { PostureDb } from './db';
import { saveRangeCheck } from './range-checks';
import { createOrJoinSession, saveCheckIn } from './records';
import { saveSet } from './sets';
import { checkInRecord, MIN, rangeCheckRecord, setRecord, summary, T0 } from './test-records';

const dbs: PostureDb[] = [];
let n = 0;
function freshDb(): PostureDb {
  const db = new PostureDb(`csv-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** A minimal RFC 4180 reader, to check the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(toCsv([['a', 'b,c'], ['"', '']])).toBe('a,"b,c"\r\n"""",\r\n');
  });

  it('one row per session with reps, holds, range, head-forward and the check-ins (highest pain and tension, the latest sleep, turning and reaching, empty when not answered)', async () => {
    const db = freshDb();
    const s1 = await createOrJoinSession(db, setRecord('a', T0, 5));
    await saveSet(db, setRecord('b', T0 + 10 * MIN, 5, 'wall-extension-hold', { summary: summary(0, 5 * MIN, { peakDeg: 11, reps: 3, holds: [{ startMs: 0, endMs: 10_000, durationMs: 10_000, peakDeg: 11, medianDeg: 10, completed: true, headForwardDeg: 50.5 }] }) }));
    await saveSet(db, setRecord('c', T0 + 2 * 60 * MIN, 3, 'cat-cow'));
    await saveCheckIn(db, checkInRecord('ci1', T0 + 16 * MIN, s1, 3, { redFlags: ['burning', 'tingling'], note: 'Tight, then "pinchy"\nbetter after, 2nd set', tension: 4, sleep: 'fair', turning: 'easier' }));
    await saveCheckIn(db, checkInRecord('ci2', T0 + 17 * MIN, s1, 1, { comfortable: true, note: '=1+1', tension: 2.5, sleep: 'good', reaching: 'same' }));
    await saveCheckIn(db, checkInRecord('ci3', T0 + 18 * MIN, null, 5));
    await saveCheckIn(db, checkInRecord('ci4', T0 + 2 * 60 * MIN + 4 * MIN, 'session-c', 0, { note: '=HYPERLINK("http://x")' }));

    const text = await sessionsCsv(db, { utcOffsetMinutes: 60 });
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toEqual([
      ['date', 'start', 'end', 'exercise', 'sets', 'reps', 'short_holds', 'peak_deg', 'median_range_deg', 'head_forward_deg', 'pain', 'tension', 'sleep', 'turning', 'reaching', 'red_flags', 'comfortable', 'note', 'session_id'],
      // Peaks of completed holds: 8.5 and 9.5 (set a), 11 (set b): median 9.5. Head-forward: 48.5 (a), 50.5 (b).
      ['2025-03-03', '09:00', '09:15', 'Wall extension hold', '2', '5', '2', '11.0', '9.5', '49.5', '3', '4', 'good', 'easier', 'same', 'burning; tingling', 'no', "Tight, then \"pinchy\"\nbetter after, 2nd set\n=1+1", 'session-a'],
      // A note that a spreadsheet would run as a formula starts with an apostrophe.
      ['2025-03-03', '11:00', '11:03', 'cat-cow', '1', '2', '1', '9.5', '9.0', '48.5', '0', '', '', '', '', '', 'yes', '\'=HYPERLINK("http://x")', 'session-c'],
    ]);
    // The raw text has the note quoted, quotes doubled.
    expect(text).toContain('"Tight, then ""pinchy""\nbetter after, 2nd set\n=1+1"');
  });

  it('an empty database gives just the header', async () => {
    expect(await sessionsCsv(freshDb(), { utcOffsetMinutes: 0 })).toBe(
      'date,start,end,exercise,sets,reps,short_holds,peak_deg,median_range_deg,head_forward_deg,pain,tension,sleep,turning,reaching,red_flags,comfortable,note,session_id\r\n',
    );
  });

  it('range checks: one row per measure of each check, oldest check first, with median, ±, trials and refused attempts', async () => {
    const db = freshDb();
    const check = rangeCheckRecord('rc-2', T0 + 7 * 24 * 60 * MIN + 30 * MIN);
    await saveRangeCheck(db, check);
    await saveRangeCheck(db, rangeCheckRecord('rc-1', T0, { results: [{ measure: 'reach', trialsDeg: [150, 151.25, 149.96], medianDeg: 150, spreadDeg: 0.645, refusals: [] }] }));
    // A check with nothing finished has no rows; a message with a comma or a formula never reaches the file (codes only).
    await saveRangeCheck(db, rangeCheckRecord('rc-0', T0 - MIN, { results: [] }));
    await saveRangeCheck(
      db,
      rangeCheckRecord('=rc-3', T0 + 14 * 24 * 60 * MIN, {
        results: [{ measure: 'extension', trialsDeg: [], medianDeg: null, spreadDeg: null, refusals: [{ code: 'moving', message: '=HYPERLINK("x"), "moved"', count: 4 }] }],
      }),
    );
    const text = await rangeChecksCsv(db, { utcOffsetMinutes: 60 });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['date', 'time', 'measure', 'median_deg', 'plus_minus_deg', 'trials_deg', 'refused_trials', 'refused_why', 'check_id'],
      ['2025-03-03', '09:00', 'reach', '150.0', '0.6', '150.0; 151.3; 150.0', '0', '', 'rc-1'],
      ['2025-03-10', '09:30', 'head-forward', '49.0', '0.9', '48.5; 50.3; 49.0', '0', '', 'rc-2'],
      ['2025-03-10', '09:30', 'extension', '13.0', '1.3', '12.0; 14.5; 13.0', '2', 'moving: 2', 'rc-2'],
      ['2025-03-10', '09:30', 'reach', '162.0', '3.3', '162.0; 165.0; 158.5', '0', '', 'rc-2'],
      ['2025-03-10', '09:30', 'rotation-left', '40.0', '1.5', '38.0; 41.0; 40.0', '1', 'hips-turned: 1', 'rc-2'],
      // Fewer than three trials: no median and no ±, the trial that counted still listed.
      ['2025-03-10', '09:30', 'rotation-right', '', '', '35.5', '4', 'hips-turned: 3; cut-off: 1', 'rc-2'],
      ['2025-03-17', '09:00', 'extension', '', '', '', '4', 'moving: 4', "'=rc-3"],
    ]);
  });

  it('range checks: an empty database gives just the header', async () => {
    expect(await rangeChecksCsv(freshDb(), { utcOffsetMinutes: 0 })).toBe('date,time,measure,median_deg,plus_minus_deg,trials_deg,refused_trials,refused_why,check_id\r\n');
  });
});
