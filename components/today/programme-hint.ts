// Whether this device has a programme, remembered outside the database so that Today's first
// paint can show the right thing before the database is read: the first-run guide's first step
// on a first visit (in the page's HTML, so it is there at once), "Loading your programme…" for
// someone who has one. The daily routine does the same: what it says without a programme, or
// "Loading your routine…". The database stays the truth: the page replaces either with what it
// reads, and writes the hint again each time.

import { addStyle, addStyleStatement, removeStyle } from '../pending/first-paint-style';

export const PROGRAMME_HINT_KEY = 'posture-tracker:has-programme';

/** What Today (and the routine) draws before the database is read, by kind: first-visit (no programme), returning (the loading line). */
export const PENDING_ATTRIBUTE = 'data-today-pending';

const STYLE_ID = 'programme-hint';
const STYLE = `[${PENDING_ATTRIBUTE}=first-visit]{display:none!important}[${PENDING_ATTRIBUTE}=returning]{display:block!important}`;

/** Run before anything is drawn (app/layout.tsx): where the hint is set, a style in <head> swaps which of the two shows (first-paint-style.ts). */
export const PROGRAMME_HINT_SCRIPT = `try{if(localStorage.getItem(${JSON.stringify(PROGRAMME_HINT_KEY)})==='1'){${addStyleStatement(STYLE_ID, STYLE)}}}catch(e){}`;

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
