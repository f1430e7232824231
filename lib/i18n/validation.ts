// zod schemas (lib/validation/*) carry message keys of the "validation" namespace instead of sentences;
// the server (lib/action.ts) and the client resolver (use-translated-resolver.ts) turn them into words.
// Pure: no I/O, usable on both sides.
import type { createTranslator } from "next-intl";
import type { Messages } from "./catalog";

export type ValidationTranslator = ReturnType<typeof createTranslator<Messages, "validation">>;

/** The words for a zod issue's message: its key translated, or a generic sentence for zod's own English. */
export function validationMessage(t: ValidationTranslator, message: string): string {
  const key = message as Parameters<ValidationTranslator>[0];
  return t.has(key) ? t(key) : t("invalid");
}

/** Every message of `{ field: [message, …] }` translated. */
export function translateFieldErrors(t: ValidationTranslator, errors: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages.map((m) => validationMessage(t, m))]));
}
