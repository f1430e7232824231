// Who may see the current organization's invoices and prepaid account, for pages and file downloads alike.
import "server-only";
import type { UserMembership } from "@/db/users";
import { canSeeInvoices, canSeePrepaid } from "../permissions";
import { getViewer, type Viewer } from "../session";

export type Access = { kind: "signed_out" } | { kind: "denied" } | { kind: "ok"; viewer: Viewer; membership: UserMembership };

/** Reads the viewer (memberships from the database) and checks rule 4 for the current organization. */
export async function billingAccess(what: "invoices" | "prepaid"): Promise<Access> {
  const viewer = await getViewer();
  if (!viewer) return { kind: "signed_out" };
  const m = viewer.current;
  if (!m) return { kind: "denied" };
  const allowed = what === "invoices" ? canSeeInvoices(m.role) : canSeePrepaid(m);
  return allowed ? { kind: "ok", viewer, membership: m } : { kind: "denied" };
}

export const NOT_FOUND_RESPONSE = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
