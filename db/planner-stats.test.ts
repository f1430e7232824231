// SQLite's planner statistics (db/planner-stats.ts): without them the planner answered "these customers'
// active partnerships" by walking every active partnership; with them it probes the customers' index.
// A refresh reaches the connections already open too, not only those opened after it.
import { createRequire } from "node:module";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "./client";
import { refreshPlannerStatistics } from "./planner-stats";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

const CUSTOMERS = 300;
const IDS = Array.from({ length: 50 }, (_, i) => `c${i * 3}`);
// The query db/billing-context.ts runs for a page of fifty customers (the ids inline: one text for a
// native connection and for the client).
const QUERY = `SELECT id, access FROM partnerships WHERE customer_org_id IN (${IDS.map((id) => `'${id}'`).join(", ")}) AND status = 'active'`;
const PAGE_QUERY = sql.raw(QUERY);

async function planFor(database: Database): Promise<string> {
  const rows = await (database.db as unknown as { all(q: unknown): Promise<{ detail: string }[]> }).all(sql`EXPLAIN QUERY PLAN ${PAGE_QUERY}`);
  return rows.map((r) => r.detail).join("\n");
}

type Native = {
  prepare(sql: string): { raw(on: boolean): { all(params: unknown[]): unknown[][] } };
  exec(sql: string): void;
  close(): void;
};
const Libsql = createRequire(import.meta.url)("libsql") as new (file: string) => Native;
const nativePlan = (c: Native) => c.prepare(`EXPLAIN QUERY PLAN ${QUERY}`).raw(true).all([]).map((r) => r[3]).join("\n");

describe("SQLite's planner statistics", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    const at = Date.UTC(2026, 0, 1);
    await t.database.transaction(async (tx) => {
      const run = (q: ReturnType<typeof sql>) => (tx as unknown as { run(q: unknown): Promise<unknown> }).run(q);
      await run(sql`INSERT INTO organizations (id, name, currency, country, is_partner, created_at) VALUES ('partner', 'Partner', 'CHF', 'CH', 1, ${at})`);
      for (let i = 0; i < CUSTOMERS; i++) {
        await run(sql`INSERT INTO organizations (id, name, currency, country, created_at) VALUES (${`c${i}`}, ${`Customer ${i}`}, 'CHF', 'CH', ${at})`);
        await run(sql`INSERT INTO partnerships (id, customer_org_id, partner_org_id, status, access, payment_mode, created_at, updated_at)
          VALUES (${`p${i}`}, ${`c${i}`}, 'partner', 'active', 'full', 'customer', ${at + i}, ${at + i})`);
      }
    });
  });
  afterAll(() => t.dispose());

  it("lets the planner probe the customers' index instead of walking every active partnership", async () => {
    // Without statistics: an equality on the status looks as selective as one on a customer.
    expect(await planFor(t.database)).toContain("partnerships_status_idx");
    const refreshed = refreshPlannerStatistics(t.url);
    expect(refreshed?.ms).toBeGreaterThanOrEqual(0);
    // A connection opened after the refresh, as the app's is after `npm start` refreshed them.
    const fresh = createDatabase(t.url);
    try {
      const plan = await planFor(fresh);
      expect(plan).toContain("partnerships_customer_idx");
      expect(plan).not.toContain("partnerships_status_idx");
    } finally {
      await fresh.close();
    }
  });

  it("reaches the connections already open: the client's pool and a native connection's kept statement", async () => {
    const file = t.url.slice("file:".length);
    // Statistics that say the opposite of the data (a status matches one row, a customer half of them),
    // loaded by connections that open now, as the app's are before a daily refresh.
    expect(refreshPlannerStatistics(t.url)).not.toBeNull();
    const writer = new Libsql(file);
    writer.exec(`DELETE FROM sqlite_stat1 WHERE tbl = 'partnerships';
      INSERT INTO sqlite_stat1 VALUES ('partnerships', 'partnerships_customer_idx', '${CUSTOMERS} ${CUSTOMERS / 2}'),
        ('partnerships', 'partnerships_status_idx', '${CUSTOMERS} 1')`);
    writer.close();
    const open = createDatabase(t.url);
    // The read path's way: a statement prepared once, kept, and run again later on the same connection.
    const reader = new Libsql(file);
    const kept = reader.prepare(QUERY).raw(true);
    try {
      const inTransaction = () => open.transaction(async (tx) => (tx as unknown as { all(q: unknown): Promise<unknown[]> }).all(PAGE_QUERY));
      expect(await inTransaction()).toHaveLength(IDS.length);
      expect(kept.all([])).toHaveLength(IDS.length);
      expect(await planFor(open)).toContain("partnerships_status_idx");

      refreshPlannerStatistics(t.url);

      // Their next statements see the schema change and load the new figures: no connection reopened.
      expect(await inTransaction()).toHaveLength(IDS.length);
      expect(kept.all([])).toHaveLength(IDS.length);
      expect(await planFor(open)).toContain("partnerships_customer_idx");
      expect(await planFor(open)).not.toContain("partnerships_status_idx");
      expect(nativePlan(reader)).toContain("partnerships_customer_idx");
      expect(nativePlan(reader)).not.toContain("partnerships_status_idx");
    } finally {
      reader.close();
      await open.close();
    }
  });

  it("does nothing where there is nothing to refresh", () => {
    expect(refreshPlannerStatistics("postgres://postgres@127.0.0.1:5432/none")).toBeNull();
    expect(refreshPlannerStatistics("file:/nonexistent/dir/pm.db")).toBeNull();
    expect(refreshPlannerStatistics("file::memory:")).toBeNull();
  });
});
