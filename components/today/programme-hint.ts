// Whether this device has a programme, remembered outside the database so that Today's first
// paint can show the right thing before the database is read: the first-run guide's first step
// on a first visit (in the page's HTML, so it is there at once), "Loading your programme…" for
// someone who has one. The daily routine does the same: what it says without a programme, or
// "Loading your routine…". The database stays the truth: the page replaces either with what it
// reads, and writes the hint again each time.

export const PROGRAMME_HINT_KEY = 'posture-tracker:has-programme';

/** What Today (and the routine) draws before the database is read, by kind: first-visit (no programme), returning (the loading line). */
export const PENDING_ATTRIBUTE = 'data-today-pending';

const STYLE_ID = 'programme-hint';
const STYLE = `[${PENDING_ATTRIBUTE}=first-visit]{display:none!important}[${PENDING_ATTRIBUTE}=returning]{display:block!important}`;

/**
 * Run before anything is drawn (app/layout.tsx): where the hint is set, a style in <head> swaps
 * which of the two shows. A style element, not an attribute on <html>: React resets the
 * attributes of <html> when it hydrates, and leaves extra elements in <head> alone.
 */
export const PROGRAMME_HINT_SCRIPT =
  `try{if(localStorage.getItem(${JSON.stringify(PROGRAMME_HINT_KEY)})==='1'){var s=document.createElement('style');` +
  `s.id='${STYLE_ID}';s.textContent='${STYLE}';document.head.appendChild(s)}}catch(e){}`;

/** Remembers whether there is a programme, and applies it to the next Today drawn without a reload. */
export function rememberProgramme(exists: boolean): void {
  const style = document.getElementById(STYLE_ID);
  if (!exists) style?.remove();
  else if (!style) {
    const el = document.createElement('style');
    el.id = STYLE_ID;
    el.textContent = STYLE;
    document.head.appendChild(el);
  }
  try {
    if (exists) localStorage.setItem(PROGRAMME_HINT_KEY, '1');
    else localStorage.removeItem(PROGRAMME_HINT_KEY);
  } catch {
    // No storage: the first visit's view is shown until the database answers.
  }
}
