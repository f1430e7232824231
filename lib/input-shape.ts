// What any action argument must look like before a schema reads it: bounded depth and size, and text
// a database can store as sent (no NUL, no lone UTF-16 surrogate). Pure; lib/action.ts calls it.

export const MAX_INPUT_DEPTH = 32;
export const MAX_INPUT_NODES = 10_000;

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `message` is a key of the "validation" messages (lib/i18n/validation.ts turns it into words). */
export type InputProblem = { path: string; message: "unstorableText" | "nestedTooDeep" | "requestTooLarge" | "requestUnreadable" };

/** The first problem of `raw`'s shape (with the field's dotted path), or null when it may be parsed. */
export function inputProblem(raw: unknown): InputProblem | null {
  try {
    const stack: { value: unknown; path: string[]; depth: number }[] = [{ value: raw, path: [], depth: 0 }];
    let nodes = 0;
    while (stack.length > 0) {
      const { value, path, depth } = stack.pop()!;
      if (++nodes > MAX_INPUT_NODES) return { path: "", message: "requestTooLarge" };
      const at = path.join(".");
      if (typeof value === "string") {
        if (UNSTORABLE.test(value)) return { path: at, message: "unstorableText" };
        continue;
      }
      if (value === null || typeof value !== "object") continue;
      if (depth >= MAX_INPUT_DEPTH) return { path: at, message: "nestedTooDeep" };
      // Own enumerable entries only, as a schema reads them; keys are text too.
      for (const [k, v] of Object.entries(value)) {
        if (UNSTORABLE.test(k)) return { path: at, message: "unstorableText" };
        stack.push({ value: v, path: [...path, k].slice(0, 8), depth: depth + 1 });
      }
    }
    return null;
  } catch {
    // A value that throws when read (a revoked proxy, a getter): not something a form sends.
    return { path: "", message: "requestUnreadable" };
  }
}
