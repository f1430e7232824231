// GET /audit/events/export: the audit events as CSV, with the same filters as the Events page.
// Auditors only; anyone else gets a plain 404.
import type { NextRequest } from "next/server";
import { allAuditEvents } from "@/db/audit-events-list";
import { getDatabase } from "@/db/client";
import { changeText } from "@/lib/audit-format";
import { zurichDate } from "@/lib/audit-period";
import { csvResponse } from "@/lib/csv";
import { auditWords } from "../../audit-words";
import { parseEventFilters } from "@/lib/validation/audit-filters";
import { auditorOrNull, notFoundResponse } from "../../auditor";
import { rememberedWords } from "./remembered-words";

/** Events per query: fewer, larger reads (each page is one indexed range; the stream still waits for the client). */
const EVENTS_CHUNK = 1000;

export async function GET(request: NextRequest): Promise<Response> {
  if (!(await auditorOrNull())) return notFoundResponse();
  // Machine-stable like every CSV (docs/i18n.md): the change column in English with whole identifiers.
  const words = rememberedWords(auditWords("en").words);
  const f = parseEventFilters(Object.fromEntries(request.nextUrl.searchParams));
  return csvResponse(
    `audit-events-${zurichDate(new Date())}.csv`,
    ["seq", "created_at", "kind", "outcome", "reason", "actor", "actor_email", "actor_organization", "customer", "partner",
      "partnership_id", "change", "before", "after", "ip", "user_agent", "request_id", "event_id"],
    allAuditEvents({ ...f, cursor: null }, { pageSize: EVENTS_CHUNK }),
    (e) => [
      e.seq, e.createdAt.toISOString(), e.kind, e.outcome, e.reason, e.actorName, e.actorEmail, e.actorOrgName, e.customerName,
      e.partnerName, e.partnershipId, changeText(e.before, e.after, words, { fullIds: true }), e.before ? JSON.stringify(e.before) : null,
      e.after ? JSON.stringify(e.after) : null, e.ip, e.userAgent, e.requestId, e.id,
    ],
    // Ahead only where it overlaps: PostgreSQL runs the query in its own process; SQLite on this thread.
    { readAhead: getDatabase().dialect === "postgres" },
  );
}
