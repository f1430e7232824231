// The one wrapper every server action goes through: session → membership from the database → input
// checks → zod → body. `defineAction` for actions called with an object; `defineFormAction` for
// actions posted by a plain <form> (sign-in, organization switch, sign-out), which take FormData.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { recordRefusal, type RequestMeta } from "@/db/audit";
import { findIdempotencyRecord, IdempotencyKeyTaken, storeIdempotentResult, withIdempotencyScope } from "@/db/idempotency";
import type { AuditKind } from "./domain";
import { getLocale } from "./i18n/server";
import { translator } from "./i18n/translator";
import { translateFieldErrors } from "./i18n/validation";
import { inputProblem } from "./input-shape";
import { getRequestMeta } from "./request";
import { getViewer, type Viewer } from "./session";

export type ActionFailure = { ok: false; message: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T extends object = object> = ({ ok: true; message: string } & T) | ActionFailure;

export type ActionContext = { viewer: Viewer; meta: RequestMeta };

/** @deprecated The English text of errors.sessionExpired; results carry the caller's language. */
export const SESSION_EXPIRED = "Your session has expired. Sign in again.";
/** @deprecated The English text of errors.unexpected; results carry the caller's language. */
export const UNEXPECTED = "Something went wrong and nothing was saved. Try again in a moment.";

/** Maps zod issues onto form fields, keeping only the first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= [issue.message];
  }
  return out;
}

/** The value of a string field of untrusted input, clipped, for the audit trail of a refused attempt. */
function rawString(raw: unknown, key: string): string | null {
  if (raw && typeof raw === "object" && !Array.isArray(raw) && Object.hasOwn(raw, key)) {
    const v = (raw as Record<string, unknown>)[key];
    if (typeof v === "string") return v.slice(0, 64);
  }
  return null;
}

/** The idempotency key a confirm sends with its input (components/use-confirm-key.ts makes them). */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "confirmationKey");

/** Splits `{ ...fields, idempotencyKey }` into the fields and the key; anything else is left as it came. */
function splitKey(raw: unknown): { fields: unknown; key: unknown } {
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || raw instanceof FormData || !Object.hasOwn(raw, "idempotencyKey")) {
    return { fields: raw, key: undefined };
  }
  const { idempotencyKey: key, ...fields } = raw as Record<string, unknown>;
  return { fields, key };
}


/** A schema's verdict, or null when reading the value threw (hostile objects, not form input). */
function safeParse<S extends z.ZodType>(schema: S, value: unknown) {
  try {
    return schema.safeParse(value);
  } catch {
    return null;
  }
}

export function defineAction<S extends z.ZodType, T extends object>(
  config: { schema: S; refusedKind: AuditKind },
  body: (input: z.output<S>, ctx: ActionContext) => Promise<ActionResult<T>>,
): (input: unknown) => Promise<ActionResult<T>> {
  const refuseInput = async (viewer: Viewer, meta: RequestMeta, raw: unknown, fieldErrors: Record<string, string[]>): Promise<ActionFailure> => {
    await recordRefusal({
      kind: config.refusedKind,
      // Field names only: the values may be anything, including secrets. Top-level names only, so that
      // the reasons (and with them the refused events, one per reason and window) stay few.
      reason: `invalid_input: ${[...new Set(Object.keys(fieldErrors).map((k) => k.split(".")[0]))].join(", ")}`,
      actorUserId: viewer.id,
      actorOrgId: viewer.current?.orgId ?? null,
      partnershipId: rawString(raw, "partnershipId"),
      meta,
    });
    const locale = await getLocale();
    return {
      ok: false,
      message: translator(locale, "errors")("checkFields"),
      fieldErrors: translateFieldErrors(translator(locale, "validation"), fieldErrors),
    };
  };

  return async (raw: unknown) => {
    try {
      const viewer = await getViewer();
      if (!viewer) return { ok: false, message: await errorText("sessionExpired") };
      const meta = await getRequestMeta();
      // Shape first (depth, size, text no database stores faithfully), so nothing below sees such input.
      // Refused as a whole ("form"): the path of the offending value may be any name the client made up.
      const problem = inputProblem(raw);
      if (problem) return await refuseInput(viewer, meta, raw, { form: [problem.message] });
      const { fields, key: rawKey } = splitKey(raw);
      const key = rawKey === undefined ? undefined : idempotencyKey.safeParse(rawKey);
      if (key && !key.success) return await refuseInput(viewer, meta, raw, { idempotencyKey: [key.error.issues[0]!.message] });
      const parsed = safeParse(config.schema, fields);
      if (!parsed) return await refuseInput(viewer, meta, raw, { form: ["requestUnreadable"] });
      if (!parsed.success) return await refuseInput(viewer, meta, raw, fieldErrorsOf(parsed.error));
      if (!key) return await body(parsed.data, { viewer, meta });
      return await idempotent({ userId: viewer.id, key: key.data, action: config.refusedKind }, () => body(parsed.data, { viewer, meta }));
    } catch (error) {
      unstable_rethrow(error);
      console.error("[action] unexpected error", error);
      return { ok: false, message: await errorText("unexpected") };
    }
  };
}

/** A generic failure in the caller's language; English if even the language cannot be read. */
async function errorText(key: "sessionExpired" | "unexpected" | "alreadySaved" | "keyReused"): Promise<string> {
  const locale = await getLocale().catch(() => "en" as const);
  return translator(locale, "errors")(key);
}

/**
 * Runs a confirm once per (user, key): a retry gets the first success back (or, if the change committed
 * but its result was never stored, a plain "already saved"), never a second change or a stale-version
 * refusal. Only successes are remembered: a refused or failed attempt may be retried with the same key.
 */
async function idempotent<R extends ActionResult>(
  scope: { userId: string; key: string; action: string },
  run: () => Promise<R>,
): Promise<R | ActionResult> {
  const earlier = await recalled(scope);
  if (earlier) return earlier;
  let result: R;
  try {
    result = await withIdempotencyScope(scope, run);
  } catch (error) {
    // The same key committed by a concurrent request: this one's change was rolled back.
    if (!(error instanceof IdempotencyKeyTaken)) throw error;
    return (await recalled(scope, { wait: true })) || { ok: false, message: await errorText("unexpected") };
  }
  if (result.ok) {
    await storeIdempotentResult({ ...scope, result: result as Record<string, unknown> });
    return result;
  }
  // Refused, perhaps as stale because a concurrent request with the same key has just committed.
  return (await recalled(scope, { wait: true })) || result;
}

/** What a key answers with: its result, or false when it is unknown (or expired). */
async function recalled(
  scope: { userId: string; key: string; action: string },
  { wait = false }: { wait?: boolean } = {},
): Promise<ActionResult | false> {
  for (let attempt = 0; ; attempt++) {
    const record = await findIdempotencyRecord(scope);
    if (!record) return false;
    if (record.action !== scope.action) return { ok: false, message: await errorText("keyReused") };
    if (record.result) return record.result as ActionResult;
    // Committed, result not stored yet: a concurrent request is finishing, or its process died after the commit.
    if (!wait || attempt >= 20) return { ok: true, message: await errorText("alreadySaved") };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Entries of a submitted form as strings; files and repeated names are not fields of our forms. */
function formFields(form: FormData): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || Object.hasOwn(out, name)) return null;
    out[name] = value;
  }
  return out;
}

/**
 * For actions posted by a plain <form>: the FormData argument (the last one: useActionState passes the
 * previous state first; none at all counts as an empty form) is checked and parsed with `schema`, or
 * `invalid` is answered. Anything else a client can post (JSON, a file) gets `invalid` too, never an
 * exception. No session is
 * required here: sign-in has none; the body checks it where it needs it.
 */
export function defineFormAction<S extends z.ZodType, R>(
  config: { schema: S; invalid: R | (() => Promise<R>) },
  body: (input: z.output<S>) => Promise<R>,
): (...args: unknown[]) => Promise<R> {
  const invalid = async () => (typeof config.invalid === "function" ? (config.invalid as () => Promise<R>)() : config.invalid);
  return async (...args: unknown[]) => {
    try {
      // No argument at all reads as an empty form (a sign-out called directly); the schema decides.
      const form = args.length === 0 ? new FormData() : args.at(-1);
      const fields = form instanceof FormData ? formFields(form) : null;
      if (!fields || inputProblem(fields)) return await invalid();
      const parsed = safeParse(config.schema, fields);
      if (!parsed?.success) return await invalid();
      return await body(parsed.data);
    } catch (error) {
      unstable_rethrow(error);
      console.error("[action] unexpected error", error);
      return await invalid();
    }
  };
}
