// The session page before its address is read. The page is one stored page for every exercise
// (it works offline), so the address (`?exercise=…`) is read in the browser, and the page's HTML
// holds the session as it is with no address: the default exercise, at once. Where the address
// has a query, this inline script (run as the HTML is read, before the first paint) hides that
// and shows the loading line until the session for the address is drawn.
import { addStyleStatement } from '../pending/first-paint-style';

/** On what is drawn before the address is read: `default` (the session without a query) or `address` (the loading line). */
export const SESSION_PENDING_ATTRIBUTE = 'data-session-pending';

const STYLE = `[${SESSION_PENDING_ATTRIBUTE}=default]{display:none!important}[${SESSION_PENDING_ATTRIBUTE}=address]{display:block!important}`;

export const SESSION_ADDRESS_SCRIPT = `try{if(location.search.length>1){${addStyleStatement('session-pending', STYLE)}}}catch(e){}`;
