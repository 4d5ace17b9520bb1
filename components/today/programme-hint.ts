// Whether this device has a programme, remembered outside the database so that Today's first
// paint can show the right thing before the database is read: the first-run guide's first step
// on a first visit (in the page's HTML, so it is there at once), "Loading your programme…" for
// someone who has one. The daily routine does the same: what it says without a programme, or
// "Loading your routine…". The database stays the truth: the page replaces either with what it
// reads, and writes the hint again each time.
// Only these two pages read the hint, so no other page touches storage before its first paint
// (the first read of localStorage in a fresh profile took 3-35 ms of the page's thread here): an
// inline script in their HTML on a full load (app/page.tsx, app/routine/page.tsx), and
// `useProgrammeHint` (use-programme-hint.ts) before the paint when the person comes from another
// page of the app.

import { addStyle, addStyleStatement, removeStyle } from '../pending/first-paint-style';

export const PROGRAMME_HINT_KEY = 'posture-tracker:has-programme';

/** What Today (and the routine) draws before the database is read, by kind: first-visit (no programme), returning (the loading line). */
export const PENDING_ATTRIBUTE = 'data-today-pending';

const STYLE_ID = 'programme-hint';
const STYLE = `[${PENDING_ATTRIBUTE}=first-visit]{display:none!important}[${PENDING_ATTRIBUTE}=returning]{display:block!important}`;

/** Run before the page is drawn (app/page.tsx, app/routine/page.tsx): where the hint is set, a style in <head> swaps which of the two shows (first-paint-style.ts). */
export const PROGRAMME_HINT_SCRIPT = `try{if(localStorage.getItem(${JSON.stringify(PROGRAMME_HINT_KEY)})==='1'){${addStyleStatement(STYLE_ID, STYLE)}}}catch(e){}`;

/** What the inline script does, from the page's code (a page drawn without a reload, where no inline script runs). */
export function applyProgrammeHint(): void {
  try {
    if (localStorage.getItem(PROGRAMME_HINT_KEY) === '1') addStyle(STYLE_ID, STYLE);
  } catch {
    // No storage: the first visit's view is shown until the database answers.
  }
}

/** Remembers whether there is a programme, and applies it to the next Today drawn without a reload. */
export function rememberProgramme(exists: boolean): void {
  if (exists) addStyle(STYLE_ID, STYLE);
  else removeStyle(STYLE_ID);
  try {
    if (exists) localStorage.setItem(PROGRAMME_HINT_KEY, '1');
    else localStorage.removeItem(PROGRAMME_HINT_KEY);
  } catch {
    // No storage: the first visit's view is shown until the database answers.
  }
}
