// Imported first by every schema module: zod compiles object parsers with `new Function` unless told
// not to, and even its probe for that is a Content-Security-Policy violation in the browser, where the
// policy allows no eval (lib/server/security-headers.ts). The probe runs when a schema is built, so
// this must run before any schema module's body: hence a side-effect import at the top of each.
import { config } from "zod/v4/core";

config({ jitless: true });
