// Everything the product stores except the audit trail, as sorted JSON per table: a refused action
// must leave it identical (the trail itself grows by the refusal's own event).
import type { PgTable } from "drizzle-orm/pg-core";
import { getDatabase } from "@/db/client";

// Sessions are the sign-in state of the test's stand-in request (lib/testing/session-row.ts), not business data;
// refusal counts belong to the audit trail (a refused attempt raises one).
const AUDIT_TABLES = new Set(["auditEvents", "auditChain", "auditRefusalCounts", "sessions"]);

export async function fingerprint(): Promise<Record<string, string[]>> {
  const { db, schema } = getDatabase();
  const out: Record<string, string[]> = {};
  for (const [name, table] of Object.entries(schema)) {
    if (AUDIT_TABLES.has(name)) continue;
    const rows = await db.select().from(table as PgTable);
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
