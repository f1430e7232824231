// The partner's pending invitations, one keyset page at a time, on SQLite always and on PostgreSQL
// when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { getDatabase } from "./client";
import { listPendingInvitations, type PendingCursor } from "./invitation-reads";
import { seedDemoData } from "./seed";

describe.each(enginesUnderTest())("pending invitations on %s", (engine) => {
  let t: TestDatabase;
  let alpine: string;
  const expected: string[] = [];

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    alpine = await orgId("Alpine Web Studio");
    const { db, schema } = getDatabase();
    // The demo's own pending invitation to Alpine, then 7 more: three sent at the same instant (the id
    // breaks the tie), and two partnerships that are not pending and must not be listed.
    const demo = (await listPendingInvitations({ partnerOrgId: alpine })).rows.map((r) => r.id);
    expect(demo).toHaveLength(1);
    const base = Date.now() + 60_000;
    const at = [base, base + 1000, base + 1000, base + 1000, base + 2000, base + 3000, base + 4000, base + 5000, base + 6000];
    const statuses = ["pending", "pending", "pending", "pending", "active", "pending", "refused", "pending", "pending"] as const;
    for (const [i, status] of statuses.entries()) {
      const customer = `org-pending-${i}`;
      await db.insert(schema.organizations).values({ id: customer, name: `Pending Customer ${i}`, currency: "CHF", country: "CH", createdAt: new Date(base) });
      const id = `pp-${String.fromCharCode(122 - i)}`; // ids in the reverse of the insertion order
      await db.insert(schema.partnerships).values({
        id, customerOrgId: customer, partnerOrgId: alpine, status, access: "full", paymentMode: "customer",
        createdAt: new Date(at[i]!), updatedAt: new Date(at[i]!), activatedAt: status === "active" ? new Date(at[i]!) : null,
      });
    }
    expected.push(...demo, "pp-z", "pp-w", "pp-x", "pp-y", "pp-u", "pp-s", "pp-r");
  });
  afterAll(() => t.dispose());

  it("lists every pending invitation once, oldest first, across pages of any size", async () => {
    for (const limit of [1, 2, 3, 8, 20]) {
      const seen: string[] = [];
      let after: PendingCursor | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const page: Awaited<ReturnType<typeof listPendingInvitations>> = await listPendingInvitations({ partnerOrgId: alpine, after, limit });
        expect(page.rows.length).toBeLessThanOrEqual(limit);
        seen.push(...page.rows.map((r) => r.id));
        if (!page.next) break;
        after = page.next;
      }
      expect(seen, `limit ${limit}`).toEqual(expected);
    }
  });

  it("says there is no next page when the last page is exactly full", async () => {
    const page = await listPendingInvitations({ partnerOrgId: alpine, limit: expected.length });
    expect(page.rows).toHaveLength(expected.length);
    expect(page.next).toBeNull();
  });

  it("reads another partner's invitations as none", async () => {
    const jura = await orgId("Jura Hosting Partners");
    expect((await listPendingInvitations({ partnerOrgId: jura })).rows.map((r) => r.id)).not.toContain("pp-z");
  });
});
