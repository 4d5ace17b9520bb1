// What a page says before the database is read, where this browser has no database of the app
// at all (a first visit): there is nothing stored, so Trends' "Nothing to chart yet" and the range
// check's "This is your first range check" are true at once. An inline script in the page's HTML
// (app/trends/page.tsx, app/range/page.tsx) asks the browser which databases it has, without
// loading the database code, and where the app's is not among them shows what the HTML holds,
// hidden, for that case, in place of the loading line. Anywhere else the page waits for the
// records. The database stays the truth: the page draws what it reads either way.
import { DB_NAME } from '@/lib/storage/db-name';
import { addStyleStatement, removeStyle } from './first-paint-style';

/** On what is drawn before the database is read: `loading` (hidden where there is no database), `empty` (shown there; hidden
 * elsewhere, with `display: none`, or with `visibility: hidden` where it keeps its place so that nothing below it moves). */
export const NO_DATABASE_ATTRIBUTE = 'data-no-database';

const STYLE_ID = 'no-database';
const STYLE = `[${NO_DATABASE_ATTRIBUTE}=loading]{display:none!important}[${NO_DATABASE_ATTRIBUTE}=empty]{display:block!important;visibility:visible!important}`;

export const NO_DATABASE_SCRIPT =
  `try{indexedDB.databases().then(function(l){for(var i=0;i<l.length;i++)if(l[i].name===${JSON.stringify(DB_NAME)})return;` +
  `${addStyleStatement(STYLE_ID, STYLE)}},function(){})}catch(e){}`;

/** Once the page has read the database: the answer was for the first paint only (a page drawn later without a reload asks the database). */
export function forgetNoDatabase(): void {
  removeStyle(STYLE_ID);
}
