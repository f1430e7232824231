// SQLite's read path for pages (db/sqlite-read-path.ts): a select of columns outside a transaction is
// answered by the read-only connection, with exactly the objects @libsql/client gives (the same select
// inside a transaction, which keeps the client, is the reference); it sees every committed write at
// once; writes, raw statements and transactions keep the client; and its statements stay bounded.
import { aliasedTable, and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { rawRows } from "./keyset";
import type { Executor } from "./client";
import { seedDemoData } from "./seed";
import { refreshPlannerStatistics } from "./planner-stats";
import { sqliteReadPath } from "./sqlite-read-path";

describe("SQLite's read path for pages", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase("sqlite");
    await seedDemoData();
  });
  afterAll(async () => t?.dispose());

  const path = () => sqliteReadPath(t.database.db)!;

  it("answers column selects with the objects the client gives, nulls, booleans, dates and JSON included", async () => {
    const { db, schema, transaction } = t.database;
    const { auditEvents: a, organizations: o, invoices: i, orders, products: p } = schema;
    const forOrg = aliasedTable(o, "for_org");
    const helvetia = await orgId("Helvetia Bakery SA");
    type Ex = Executor;
    const queries: Array<(ex: Ex) => Promise<unknown[]>> = [
      // Every column of a wide table: JSON, timestamps, nullable text.
      (ex) => ex.select().from(a).orderBy(asc(a.seq)).limit(60),
      // Booleans and dates as parameters.
      (ex) => ex.select({ id: o.id, name: o.name, isPartner: o.isPartner, createdAt: o.createdAt }).from(o)
        .where(and(eq(o.isPartner, true), gt(o.createdAt, new Date(0)))).orderBy(asc(o.name)),
      // An aliased inner join and left joins that find nothing (a null product).
      (ex) => ex.select({ id: i.id, number: i.number, totalMinor: i.totalMinor, forOrgName: forOrg.name, product: p.label, kind: orders.kind })
        .from(i).innerJoin(forOrg, eq(forOrg.id, i.forOrgId)).leftJoin(orders, eq(orders.id, i.orderId)).leftJoin(p, eq(p.id, orders.productId))
        .where(eq(i.orgId, helvetia)).orderBy(desc(i.issuedAt), desc(i.id)),
      // An aggregate, and a select that finds no row.
      (ex) => ex.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(a),
      (ex) => ex.select({ id: o.id }).from(o).where(eq(o.id, "no-such-org")),
    ];
    for (const query of queries) {
      const before = path().reads;
      const fast = await query(db);
      expect(path().reads).toBe(before + 1);
      // Inside a transaction the same select runs on @libsql/client.
      const reference = await transaction((tx) => query(tx));
      expect(path().reads).toBe(before + 1);
      expect(fast).toEqual(reference);
    }
    expect((await queries[0]!(db)).length).toBeGreaterThan(10);
  });

  it("sees every committed write at once, also after a select that read one row", async () => {
    const { db, schema, transaction } = t.database;
    const { organizations: o } = schema;
    const id = await orgId("Helvetia Bakery SA");
    for (const city of ["Bern", "Basel", "Genève"]) {
      await transaction((tx) => tx.update(o).set({ billingCity: city }).where(eq(o.id, id)));
      const [row] = await db.select({ city: o.billingCity }).from(o).where(eq(o.id, id)).limit(1);
      expect(row?.city).toBe(city);
    }
  });

  it("leaves writes, raw statements and their results to the client", async () => {
    const { db, schema } = t.database;
    const { organizations: o } = schema;
    const id = await orgId("Helvetia Bakery SA");
    const before = path().reads;
    // The read connection is query_only: had it run this, it would have failed.
    const [updated] = await db.update(o).set({ billingCity: "Zürich" }).where(eq(o.id, id)).returning({ city: o.billingCity });
    expect(updated?.city).toBe("Zürich");
    // Raw statements keep @libsql/client's objects, named by column.
    const rows = await rawRows<{ name: string }>(sql`SELECT name FROM organizations WHERE id = ${id}`);
    expect(rows).toEqual([{ name: "Helvetia Bakery SA" }]);
    expect(path().reads).toBe(before);
  });

  it("keeps at most 256 statements, however many distinct selects it answers", async () => {
    const { db, schema } = t.database;
    const { organizations: o } = schema;
    for (let n = 1; n <= 300; n++) {
      const ids = Array.from({ length: n }, (_, k) => `id-${k}`);
      expect(await db.select({ id: o.id }).from(o).where(inArray(o.id, ids))).toEqual([]);
    }
    expect(path().statements).toBeLessThanOrEqual(256);
    expect(path().statements).toBeGreaterThan(100);
  });

  it("keeps its connection and statements across a statistics refresh, which changes the schema under them", async () => {
    const { db, schema } = t.database;
    const { organizations: o } = schema;
    const byName = () => db.select({ name: o.name }).from(o).where(eq(o.name, "Helvetia Bakery SA"));
    expect(await byName()).toEqual([{ name: "Helvetia Bakery SA" }]);
    const [opened, kept] = [path().connections, path().statements];
    // The refresh recreates sqlite_stat1 (db/planner-stats.ts): each kept statement is prepared again
    // by SQLite on its next run, on the same connection, with the new statistics.
    for (let i = 0; i < 3; i++) {
      expect(refreshPlannerStatistics(t.url)?.ms).toBeGreaterThanOrEqual(0);
      expect(await byName()).toEqual([{ name: "Helvetia Bakery SA" }]);
    }
    expect(path().connections).toBe(opened);
    expect(path().statements).toBe(kept);
  });
});
