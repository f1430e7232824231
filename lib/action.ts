// The one wrapper every server action goes through: session → membership from the database → zod → body.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { recordRefusal, type RequestMeta } from "@/db/audit";
import type { AuditKind } from "./domain";
import { getLocale } from "./i18n/server";
import { translator } from "./i18n/translator";
import { translateFieldErrors } from "./i18n/validation";
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
  if (raw && typeof raw === "object" && key in raw) {
    const v = (raw as Record<string, unknown>)[key];
    if (typeof v === "string") return v.slice(0, 64);
  }
  return null;
}

export function defineAction<S extends z.ZodType, T extends object>(
  config: { schema: S; refusedKind: AuditKind },
  body: (input: z.output<S>, ctx: ActionContext) => Promise<ActionResult<T>>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    try {
      const viewer = await getViewer();
      if (!viewer) return { ok: false, message: await errorText("sessionExpired") };
      const meta = await getRequestMeta();
      const parsed = config.schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        await recordRefusal({
          kind: config.refusedKind,
          // Field names only: the values may be anything, including secrets.
          reason: `invalid_input: ${Object.keys(fieldErrors).join(", ")}`,
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
      }
      return await body(parsed.data, { viewer, meta });
    } catch (error) {
      unstable_rethrow(error);
      console.error("[action] unexpected error", error);
      return { ok: false, message: await errorText("unexpected") };
    }
  };
}

/** A generic failure in the caller's language; English if even the language cannot be read. */
async function errorText(key: "sessionExpired" | "unexpected"): Promise<string> {
  const locale = await getLocale().catch(() => "en" as const);
  return translator(locale, "errors")(key);
}
