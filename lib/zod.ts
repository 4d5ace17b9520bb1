// zod as the app uses it: every schema imports `z` from here, never from 'zod' itself (a test
// checks), so this setting is made before any schema is built.
//
// zod compiles object parsers with `new Function` when it can, and finds out whether it can by
// trying one. The app's Content-Security-Policy has no 'unsafe-eval', so in the browser that try
// is refused, and the browser reports the refusal as a policy violation on every page that loads
// a schema. jitless: no try and no compiled parsers there; the same results, parsed a little
// slower. Node (the CLI, the tests) keeps the compiled parsers.
import { z } from 'zod';

z.config({ jitless: typeof document !== 'undefined' });

export { z };
