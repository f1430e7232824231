// GET /audit/export: the partnerships list as CSV, with the same filters as the page. Auditors only;
// anyone else (signed out included) gets the same 404 as for an address that does not exist.
import type { NextRequest } from "next/server";
import { allAuditPartnerships } from "@/db/audit-console";
import { csvResponse } from "@/lib/csv";
import { exportWithSlot } from "@/lib/server/export-slots";
import { effectivePaymentMode } from "@/lib/domain";
import { zurichDate } from "@/lib/audit-period";
import { parsePartnershipFilters } from "@/lib/validation/audit-filters";
import { auditorOrNull, notFoundResponse } from "../auditor";

export async function GET(request: NextRequest): Promise<Response> {
  const auditor = await auditorOrNull();
  if (!auditor) return notFoundResponse();
  const f = parsePartnershipFilters(Object.fromEntries(request.nextUrl.searchParams));
  // An export is the whole filtered list, not one page of it.
  const filters = { ...f, cursor: null };
  return exportWithSlot(request, auditor.id, (slot) => csvResponse(
    `partnerships-${zurichDate(new Date())}.csv`,
    ["partnership_id", "customer", "partner", "status", "access", "payment_mode", "version", "created_at", "activated_at", "ended_at", "updated_at"],
    allAuditPartnerships(filters),
    (p) => [
      p.id, p.customerName, p.partnerName, p.status, p.access, effectivePaymentMode(p), p.version,
      p.createdAt.toISOString(), p.activatedAt?.toISOString(), p.endedAt?.toISOString(), p.updatedAt.toISOString(),
    ],
    { slot },
  ));
}
