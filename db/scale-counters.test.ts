// The two tables migration 0011 keeps by triggers, on SQLite always and on PostgreSQL when
// TEST_DATABASE_URL is set: managed_products always equals its definition (every product of an active
// full-access client, the listed products of an active limited one) whatever is written to products,
// partnerships and partnership_products, in any order; payment_mode_change_counts always equals the
// successful payment-mode changes of audit_events per hour and new mode; and the migration fills both
// from the rows already stored.
import { and, eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { META } from "@/lib/testing/billing";
import { createBlankTestDatabase, enginesUnderTest, migrateUpTo, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, userId } from "@/lib/testing/demo";
import { insertAuditEvent } from "./audit";
import { getDatabase, type Database } from "./client";
import { countPaymentModeChangesByWeek } from "./audit-stats";
import { seedDemoData } from "./seed";

const HOUR = 3_600_000;

/** managed_products as stored, and as its definition reads it from the three tables. */
async function managedNowAndExpected(database: Database = getDatabase()) {
  const { db, schema } = database;
  const { managedProducts: m, partnerships: s, products: p, partnershipProducts: pp } = schema;
  const key = (r: { partnershipId: string; partnerOrgId: string; productId: string; createdAt: Date }) =>
    `${r.partnershipId} ${r.partnerOrgId} ${r.productId} ${r.createdAt.getTime()}`;
  const stored = await db.select().from(m);
  const [active, all, listed] = await Promise.all([
    db.select().from(s).where(eq(s.status, "active")),
    db.select({ id: p.id, orgId: p.orgId, createdAt: p.createdAt }).from(p),
    db.select().from(pp),
  ]);
  const isListed = new Set(listed.map((l) => `${l.partnershipId} ${l.productId}`));
  const expected = active.flatMap((a) => all
    .filter((x) => x.orgId === a.customerOrgId && (a.access === "full" || isListed.has(`${a.id} ${x.id}`)))
    .map((x) => ({ partnershipId: a.id, partnerOrgId: a.partnerOrgId, productId: x.id, createdAt: x.createdAt })));
  return { stored: stored.map(key).sort(), expected: expected.map(key).sort() };
}

/** payment_mode_change_counts as stored, and as audit_events give it. */
async function countsNowAndExpected(database: Database = getDatabase()) {
  const { db, schema } = database;
  const a = schema.auditEvents;
  const stored = await db.select().from(schema.paymentModeChangeCounts);
  const events = await db.select({ at: a.createdAt, after: a.after }).from(a)
    .where(and(eq(a.kind, "payment_mode.changed"), eq(a.outcome, "ok")));
  const expected = new Map<string, number>();
  for (const e of events) {
    const mode = e.after?.paymentMode;
    if (mode !== "partner" && mode !== "customer") continue;
    const k = `${Math.floor(e.at.getTime() / HOUR)} ${mode}`;
    expected.set(k, (expected.get(k) ?? 0) + 1);
  }
  return {
    stored: stored.map((r) => `${r.hour} ${r.paymentMode} ${r.changes}`).sort(),
    expected: [...expected].map(([k, n]) => `${k} ${n}`).sort(),
  };
}

type Step =
  | { op: "newProduct"; org: number; at: number }
  | { op: "deleteProduct"; pick: number }
  | { op: "list"; partnership: number; product: number }
  | { op: "unlist"; pick: number }
  | { op: "status"; partnership: number; status: "pending" | "active" | "ended" }
  | { op: "access"; partnership: number; access: "full" | "limited" }
  | { op: "moveProduct"; pick: number; org: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("newProduct" as const), org: fc.nat(20), at: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ op: fc.constant("deleteProduct" as const), pick: fc.nat(50) }),
  fc.record({ op: fc.constant("list" as const), partnership: fc.nat(20), product: fc.nat(50) }),
  fc.record({ op: fc.constant("unlist" as const), pick: fc.nat(50) }),
  fc.record({ op: fc.constant("status" as const), partnership: fc.nat(20), status: fc.constantFrom("pending" as const, "active" as const, "ended" as const) }),
  fc.record({ op: fc.constant("access" as const), partnership: fc.nat(20), access: fc.constantFrom("full" as const, "limited" as const) }),
  fc.record({ op: fc.constant("moveProduct" as const), pick: fc.nat(50), org: fc.nat(20) }),
);

describe.each(enginesUnderTest())("migration 0011's derived tables on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(() => t.dispose());

  it("starts equal to the definition on the demo data, with the partner's products in it", async () => {
    const { stored, expected } = await managedNowAndExpected();
    expect(stored).toEqual(expected);
    expect(stored.length).toBeGreaterThan(3);
    const counts = await countsNowAndExpected();
    expect(counts.stored).toEqual(counts.expected);
  });

  it("lists a partner's products from the derived table, a partnership's end taking them out at once", async () => {
    const { listManagedClientProducts } = await import("./products");
    const { db, schema } = getDatabase();
    const alpine = await orgId("Alpine Web Studio");
    const helvetia = await orgId("Helvetia Bakery SA");
    const before = await listManagedClientProducts({ partnerOrgId: alpine, limit: 1000 });
    const [ship] = await db.select().from(schema.partnerships)
      .where(and(eq(schema.partnerships.partnerOrgId, alpine), eq(schema.partnerships.customerOrgId, helvetia), inArray(schema.partnerships.status, ["active"])));
    if (!ship) throw new Error("the demo's Alpine-Helvetia partnership is not active");
    await db.update(schema.partnerships).set({ status: "ended" }).where(eq(schema.partnerships.id, ship.id));
    const after = await listManagedClientProducts({ partnerOrgId: alpine, limit: 1000 });
    expect(before.rows.some((r) => r.orgId === helvetia)).toBe(true);
    expect(after.rows.some((r) => r.orgId === helvetia)).toBe(false);
    expect(after.rows.length).toBeLessThan(before.rows.length);
  });
  it.runIf(engine === "postgres")("sees a product inserted while one of its organization's partnerships becomes active", async () => {
    // Without the product trigger's share lock, the activation's trigger would not see the uncommitted
    // product, and the product's trigger had seen the partnership pending: the row would be missing for good.
    const { db, schema } = getDatabase();
    const { products, partnerships } = schema;
    const zurich = await orgId("Zürich Legal Partners");
    const [pending] = await db.select().from(partnerships).where(and(eq(partnerships.customerOrgId, zurich), eq(partnerships.status, "pending")));
    if (!pending) throw new Error("the demo's Zürich partnership is not pending");
    await db.update(partnerships).set({ access: "full" }).where(eq(partnerships.id, pending.id));
    let activatedAt = 0;
    let committedAt = 0;
    await Promise.all([
      db.transaction(async (tx) => {
        await tx.insert(products).values({
          id: "scale-race", orgId: zurich, offer: "web-hosting", category: "hosting", label: "Race", priceMinor: 100,
          currency: "CHF", renewalDate: "2027-06-01", status: "active", createdAt: new Date(),
        });
        await new Promise((r) => setTimeout(r, 300));
        committedAt = Date.now();
      }),
      new Promise((r) => setTimeout(r, 100)).then(async () => {
        await db.update(partnerships).set({ status: "active" }).where(eq(partnerships.id, pending.id));
        activatedAt = Date.now();
      }),
    ]);
    expect(activatedAt).toBeGreaterThanOrEqual(committedAt); // the activation waited for the insert's commit
    const { stored, expected } = await managedNowAndExpected();
    expect(stored).toEqual(expected);
    expect(stored.some((k) => k.startsWith(`${pending.id} `) && k.includes(" scale-race "))).toBe(true);
  });

  it("keeps managed_products equal to its definition through any sequence of writes to the three tables", async () => {
    const { db, schema } = getDatabase();
    const { products, partnerships, partnershipProducts, orders } = schema;
    const orgs = (await db.select({ id: partnerships.customerOrgId }).from(partnerships)).map((r) => r.id);
    const customers = [...new Set(orgs)];
    const ships = (await db.select({ id: partnerships.id }).from(partnerships)).map((r) => r.id);
    const base = Date.UTC(2026, 5, 1);
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
      for (const s of steps) {
        // Only products of this test are deleted or moved (the demo's have orders and invoices).
        const mine = (await db.select({ id: products.id }).from(products).where(sql`${products.id} like 'scale-%'`)).map((r) => r.id).sort();
        const allProducts = (await db.select({ id: products.id }).from(products)).map((r) => r.id).sort();
        switch (s.op) {
          case "newProduct":
            await db.insert(products).values({
              id: `scale-${n++}`, orgId: customers[s.org % customers.length]!, offer: "web-hosting", category: "hosting", label: "Test",
              priceMinor: 100, currency: "CHF", renewalDate: "2027-06-01", status: "active", createdAt: new Date(base + s.at * 1000),
            });
            break;
          case "deleteProduct": {
            const id = mine[s.pick % Math.max(mine.length, 1)];
            if (!id || (await db.select({ id: orders.id }).from(orders).where(eq(orders.productId, id))).length > 0) break;
            await db.delete(partnershipProducts).where(eq(partnershipProducts.productId, id));
            await db.delete(products).where(eq(products.id, id));
            break;
          }
          case "moveProduct": {
            const id = mine[s.pick % Math.max(mine.length, 1)];
            if (id) await db.update(products).set({ orgId: customers[s.org % customers.length]! }).where(eq(products.id, id));
            break;
          }
          case "list": {
            // Mostly a product of the partnership's own client (the case that counts), now and then anyone's.
            const partnershipId = ships[s.partnership % ships.length]!;
            const [ship] = await db.select({ customer: partnerships.customerOrgId }).from(partnerships).where(eq(partnerships.id, partnershipId));
            const own = (await db.select({ id: products.id }).from(products).where(eq(products.orgId, ship!.customer))).map((r) => r.id).sort();
            const pool = own.length > 0 && s.product % 5 !== 0 ? own : allProducts;
            const productId = pool[s.product % pool.length]!;
            const exists = await db.select().from(partnershipProducts)
              .where(and(eq(partnershipProducts.partnershipId, partnershipId), eq(partnershipProducts.productId, productId)));
            if (exists.length === 0) await db.insert(partnershipProducts).values({ partnershipId, productId });
            break;
          }
          case "unlist": {
            const listed = await db.select().from(partnershipProducts);
            const row = listed[s.pick % Math.max(listed.length, 1)];
            if (row) await db.delete(partnershipProducts).where(and(eq(partnershipProducts.partnershipId, row.partnershipId), eq(partnershipProducts.productId, row.productId)));
            break;
          }
          case "status":
          case "access": {
            const id = ships[s.partnership % ships.length]!;
            const set = s.op === "status" ? { status: s.status } : { access: s.access };
            // The live-pair uniqueness may refuse a second live partnership of one pair: that write changes nothing.
            await db.update(partnerships).set(set).where(eq(partnerships.id, id)).catch(() => undefined);
            break;
          }
        }
      }
      const { stored, expected } = await managedNowAndExpected();
      expect(stored).toEqual(expected);
    }), { numRuns: engine === "sqlite" ? 60 : 30 });
  });

  it("keeps the hourly counts equal to the audit events, and the chart's weeks sum them", async () => {
    const nora = await userId("nora@manager.test");
    const { db, schema } = getDatabase();
    const start = Math.floor(Date.now() / HOUR) * HOUR - 30 * 24 * HOUR;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({
        at: fc.integer({ min: -2 * HOUR, max: 30 * 24 * HOUR }),
        outcome: fc.constantFrom("ok" as const, "refused" as const),
        after: fc.oneof(
          fc.constantFrom({ paymentMode: "partner" }, { paymentMode: "customer" }),
          fc.constantFrom(null, { paymentMode: "both" }, { other: 1 }, { paymentMode: 3 }),
        ),
        kind: fc.constantFrom("payment_mode.changed" as const, "partnership.ended" as const),
      }), { maxLength: 8 }),
      async (events) => {
        await db.transaction(async (tx) => {
          for (const e of events) {
            await insertAuditEvent(tx, { kind: e.kind, outcome: e.outcome, actorUserId: nora, actorOrgId: null, after: e.after as Record<string, unknown> | null, meta: META, at: new Date(start + e.at) });
          }
        });
        const { stored, expected } = await countsNowAndExpected();
        expect(stored).toEqual(expected);
      },
    ), { numRuns: 15 });
    // The chart's weeks from the counts, against the events read one by one.
    const weeks = [0, 7, 14, 21].map((d) => new Date(start + d * 24 * HOUR));
    const a = schema.auditEvents;
    const rows = await db.select({ at: a.createdAt, after: a.after }).from(a).where(and(eq(a.kind, "payment_mode.changed"), eq(a.outcome, "ok")));
    const expected = weeks.map((w, i) => {
      const end = weeks[i + 1]?.getTime() ?? Infinity;
      const inWeek = rows.filter((r) => r.at.getTime() >= w.getTime() && r.at.getTime() < end);
      return { start: w, toPartner: inWeek.filter((r) => r.after?.paymentMode === "partner").length, toCustomer: inWeek.filter((r) => r.after?.paymentMode === "customer").length };
    });
    expect(await countPaymentModeChangesByWeek(weeks)).toEqual(expected);
    await expect(countPaymentModeChangesByWeek([new Date(start + 1)])).rejects.toThrow(RangeError);
  });

});

describe.each(enginesUnderTest())("migration 0011's backfill on %s", (engine) => {
  let db: TestDatabase | undefined;
  afterAll(async () => { await db?.dispose(); });

  it("fills both tables from the rows stored before it", async () => {
    db = await createBlankTestDatabase(engine);
    const d = db.database;
    await migrateUpTo(d, 10);
    // The demo data, written by today's code into the tables of 0010: no trigger keeps the new tables yet.
    const { setDatabase } = await import("./client");
    setDatabase(d);
    await seedDemoData();
    const nora = await userId("nora@manager.test");
    await d.transaction(async (tx) => {
      for (const [at, outcome, mode] of [[0, "ok", "partner"], [1, "ok", "partner"], [HOUR, "ok", "customer"], [2, "refused", "customer"]] as const) {
        await insertAuditEvent(tx, { kind: "payment_mode.changed", outcome, actorUserId: nora, actorOrgId: null, after: { paymentMode: mode }, meta: META, at: new Date(Date.UTC(2026, 3, 1) + at) });
      }
    });
    await migrateUpTo(d, Infinity);
    const managed = await managedNowAndExpected(d);
    expect(managed.stored).toEqual(managed.expected);
    expect(managed.stored.length).toBeGreaterThan(3);
    const counts = await countsNowAndExpected(d);
    expect(counts.stored).toEqual(counts.expected);
    expect(counts.stored).toHaveLength(2);
  });
});
