// Who a partner may order for, as the order panel's client search and the order action read it, on
// SQLite always and on PostgreSQL when TEST_DATABASE_URL is set.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { getDatabase } from "./client";
import { findOrderableClient, hasOrderableClient, listManagedClientProducts, searchOrderableClients, type ProductCursor } from "./products";
import { seedDemoData } from "./seed";

describe.each(enginesUnderTest())("orderable clients on %s", (engine) => {
  let t: TestDatabase;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    for (const name of ["Alpine Web Studio", "Lakeside IT", "Jura Hosting Partners", "Helvetia Bakery SA", "Matterhorn Sports AG", "Ticino Vini SA", "Zürich Legal Partners", "Basel Pharma Consulting AG"]) {
      id[name] = await orgId(name);
    }
  });
  afterAll(() => t.dispose());

  it("finds the active full-access clients whose name matches, by name, and no others", async () => {
    const alpine = id["Alpine Web Studio"]!;
    // Ticino is limited, Zürich only pending, Basel another partner's client.
    expect(await searchOrderableClients({ partnerOrgId: alpine, query: "" })).toEqual([
      { id: id["Helvetia Bakery SA"], label: "Helvetia Bakery SA" }, { id: id["Matterhorn Sports AG"], label: "Matterhorn Sports AG" },
    ]);
    expect(await searchOrderableClients({ partnerOrgId: alpine, query: " MATTER" })).toEqual([{ id: id["Matterhorn Sports AG"], label: "Matterhorn Sports AG" }]);
    for (const query of ["Ticino", "Zürich", "Basel", "%", "_"]) expect(await searchOrderableClients({ partnerOrgId: alpine, query }), query).toEqual([]);
    expect(await searchOrderableClients({ partnerOrgId: alpine, query: "", limit: 1 })).toHaveLength(1);
  });

  it("reads one client of the partner with its access, or null for anyone else's", async () => {
    const alpine = id["Alpine Web Studio"]!;
    expect(await findOrderableClient({ partnerOrgId: alpine, customerOrgId: id["Helvetia Bakery SA"]! })).toEqual({ customerOrgId: id["Helvetia Bakery SA"], customerName: "Helvetia Bakery SA", access: "full" });
    expect(await findOrderableClient({ partnerOrgId: alpine, customerOrgId: id["Ticino Vini SA"]! })).toMatchObject({ access: "limited" });
    expect(await findOrderableClient({ partnerOrgId: alpine, customerOrgId: id["Zürich Legal Partners"]! })).toBeNull();
    expect(await findOrderableClient({ partnerOrgId: alpine, customerOrgId: id["Basel Pharma Consulting AG"]! })).toBeNull();
  });

  it("says whether a partner has anyone to order for", async () => {
    expect(await hasOrderableClient({ partnerOrgId: id["Alpine Web Studio"]! })).toBe(true);
    expect(await hasOrderableClient({ partnerOrgId: id["Lakeside IT"]! })).toBe(true); // Bern and Basel
    expect(await hasOrderableClient({ partnerOrgId: id["Jura Hosting Partners"]! })).toBe(false);
  });

  it("lists the products a partner manages, newest first, in pages that walk the whole list once", async () => {
    // Computed independently: every product of an active full-access client, and the listed products of
    // an active limited one (Ticino for Alpine, Helvetia for Lakeside), with the client's name and access.
    const { db, schema } = getDatabase();
    const { products: pr, partnerships: ps, partnershipProducts: pp, organizations: o } = schema;
    const [all, active, listed, names] = await Promise.all([
      db.select({ id: pr.id, orgId: pr.orgId, createdAt: pr.createdAt }).from(pr),
      db.select({ customer: ps.customerOrgId, partner: ps.partnerOrgId, id: ps.id, access: ps.access }).from(ps).where(eq(ps.status, "active")),
      db.select({ partnershipId: pp.partnershipId, productId: pp.productId }).from(pp),
      db.select({ id: o.id, name: o.name }).from(o),
    ]);
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    for (const partner of ["Alpine Web Studio", "Lakeside IT", "Jura Hosting Partners"]) {
      const partnerOrgId = id[partner]!;
      const expected = all.flatMap((p) => {
        const link = active.find((a) => a.partner === partnerOrgId && a.customer === p.orgId);
        if (!link || (link.access === "limited" && !listed.some((l) => l.partnershipId === link.id && l.productId === p.id))) return [];
        return [{ ...p, customerName: nameOf.get(p.orgId), access: link.access, partnershipId: link.id }];
      }).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
      if (partner !== "Jura Hosting Partners") {
        expect(expected.length, partner).toBeGreaterThan(2);
        expect(new Set(expected.map((e) => e.access)).size, `${partner}: both kinds of access`).toBe(2);
      }
      const first = await listManagedClientProducts({ partnerOrgId, limit: 1000 });
      expect(first.next).toBeNull();
      expect(first.rows.map((r) => ({ id: r.id, orgId: r.orgId, createdAt: r.createdAt, customerName: r.customerName, access: r.access, partnershipId: r.partnershipId })), partner).toEqual(expected);
      const walked: string[] = [];
      let cursor: ProductCursor | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await listManagedClientProducts({ partnerOrgId, cursor, limit: 2 });
        walked.push(...page.rows.map((r) => r.id));
        if (!page.next) break;
        cursor = page.next;
      }
      expect(walked, `${partner}, two by two`).toEqual(expected.map((e) => e.id));
    }
  });
});
