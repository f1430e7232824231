// GET /audit/events/export: the audit events as CSV, with the same filters as the Events page.
// Auditors only; anyone else gets a plain 404.
import type { NextRequest } from "next/server";
import { allAuditEventsForExport, EXPORT_AFTER_JSON, EXPORT_AT, EXPORT_BEFORE_JSON, type AuditEventExportRow } from "@/db/audit-events-list";
import { exportReadsAhead } from "@/db/raw-read";
import { changeText } from "@/lib/audit-format";
import { zurichDate } from "@/lib/audit-period";
import { csvCell, csvTextResponse } from "@/lib/csv";
import { exportWithSlot } from "@/lib/server/export-slots";
import { auditWords } from "../../audit-words";
import { parseEventFilters } from "@/lib/validation/audit-filters";
import { auditorOrNull, notFoundResponse } from "../../auditor";
import { rememberedWords } from "./remembered-words";

/** Events per query: fewer, larger reads (each page is one indexed range; the stream still waits for the client). */
const EVENTS_CHUNK = 1000;

export async function GET(request: NextRequest): Promise<Response> {
  const auditor = await auditorOrNull();
  if (!auditor) return notFoundResponse();
  // Machine-stable like every CSV (docs/i18n.md): the change column in English with whole identifiers.
  const words = rememberedWords(auditWords("en").words);
  const f = parseEventFilters(Object.fromEntries(request.nextUrl.searchParams));
  const { seq, createdAt, kind, outcome, reason, actorName, actorEmail, actorOrgName, customerName, partnerName, partnershipId,
    before, after, ip, userAgent, requestId, id } = EXPORT_AT;
  // Each line straight from the row's array (a million rows: no object, no array of cells per row).
  const lines = (rows: AuditEventExportRow[]) => {
    let text = "";
    for (const r of rows) {
      const b = r[before] as Record<string, unknown> | null;
      const a = r[after] as Record<string, unknown> | null;
      text += `${csvCell(r[seq] as number)},${csvCell((r[createdAt] as Date).toISOString())},${csvCell(r[kind] as string)},${csvCell(r[outcome] as string)},`
        + `${csvCell(r[reason] as string | null)},${csvCell(r[actorName] as string | null)},${csvCell(r[actorEmail] as string | null)},`
        + `${csvCell(r[actorOrgName] as string | null)},${csvCell(r[customerName] as string | null)},${csvCell(r[partnerName] as string | null)},`
        + `${csvCell(r[partnershipId] as string | null)},${csvCell(changeText(b, a, words, { fullIds: true }))},`
        + `${csvCell(r[EXPORT_BEFORE_JSON] as string | null)},${csvCell(r[EXPORT_AFTER_JSON] as string | null)},${csvCell(r[ip] as string | null)},`
        + `${csvCell(r[userAgent] as string | null)},${csvCell(r[requestId] as string | null)},${csvCell(r[id] as string)}\r\n`;
    }
    return text;
  };
  return exportWithSlot(request, auditor.id, (slot) => csvTextResponse(
    `audit-events-${zurichDate(new Date())}.csv`,
    ["seq", "created_at", "kind", "outcome", "reason", "actor", "actor_email", "actor_organization", "customer", "partner",
      "partnership_id", "change", "before", "after", "ip", "user_agent", "request_id", "event_id"],
    allAuditEventsForExport({ ...f, cursor: null }, { pageSize: EVENTS_CHUNK }),
    lines,
    { readAhead: exportReadsAhead(), slot },
  ));
}
