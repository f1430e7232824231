// A refused attempt inside an action body: audited with its own kind and reason, answered with a clear message.
import "server-only";
import { recordRefusal } from "@/db/audit";
import type { ActionContext, ActionFailure } from "./action";
import type { AuditKind } from "./domain";

type Sides = { customerOrgId: string; partnerOrgId: string };

/**
 * Returns `refuse(reason, message, partnership?, fieldErrors?)`. `attempted` is what the user asked for,
 * kept in the audit trail; callers never put a password or a token in it.
 */
export function refuser(
  { viewer, meta }: ActionContext,
  kind: AuditKind,
  partnershipId: string | null,
  attempted: Record<string, unknown> | null,
) {
  return async (reason: string, message: string, p?: Sides | null, fieldErrors?: Record<string, string[]>): Promise<ActionFailure> => {
    await recordRefusal({
      kind, reason, actorUserId: viewer.id, actorOrgId: viewer.current?.orgId ?? null,
      partnershipId, customerOrgId: p?.customerOrgId ?? null, partnerOrgId: p?.partnerOrgId ?? null,
      after: attempted, meta,
    });
    return fieldErrors ? { ok: false, message, fieldErrors } : { ok: false, message };
  };
}
