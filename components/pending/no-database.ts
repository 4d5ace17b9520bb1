// What a page says before the database is read, where this browser has no database of the app
// at all (a first visit): there is nothing stored, so Trends' "Nothing to chart yet" and the range
// check's "This is your first range check" are true at once. An inline script in the page's HTML
// (app/trends/page.tsx, app/range/page.tsx) decides before the first paint, without loading the
// database code: where the hint that this browser has opened the database (DB_HINT_KEY, written
// when it is opened) is missing, it shows what the HTML holds, hidden, for that case, in place of
// the loading line, so that the first paint already says it. It then asks the browser which
// databases it has; where the app's is there after all (a database from before the hint existed,
// or a hint cleared on its own), it puts the loading line back and writes the hint. Anywhere else
// the page waits for the records. The database stays the truth: the page draws what it reads
// either way.
import { DB_HINT_KEY, DB_NAME } from '@/lib/storage/db-name';
import { addStyleStatement, removeStyle } from './first-paint-style';

/** On what is drawn before the database is read: `loading` (hidden where there is no database), `empty` (shown there; hidden
 * elsewhere, with `display: none`, or with `visibility: hidden` where it keeps its place so that nothing below it moves). */
export const NO_DATABASE_ATTRIBUTE = 'data-no-database';

const STYLE_ID = 'no-database';
const STYLE = `[${NO_DATABASE_ATTRIBUTE}=loading]{display:none!important}[${NO_DATABASE_ATTRIBUTE}=empty]{display:block!important;visibility:visible!important}`;

export const NO_DATABASE_SCRIPT =
  `try{if(localStorage.getItem(${JSON.stringify(DB_HINT_KEY)})!=='1'){${addStyleStatement(STYLE_ID, STYLE)};` +
  `indexedDB.databases().then(function(l){for(var i=0;i<l.length;i++)if(l[i].name===${JSON.stringify(DB_NAME)}){` +
  `var e=document.getElementById(${JSON.stringify(STYLE_ID)});if(e)e.remove();localStorage.setItem(${JSON.stringify(DB_HINT_KEY)},'1');return}},function(){})}}catch(e){}`;

/** Once the page has read the database: the answer was for the first paint only (a page drawn later without a reload asks the database). */
export function forgetNoDatabase(): void {
  removeStyle(STYLE_ID);
}
