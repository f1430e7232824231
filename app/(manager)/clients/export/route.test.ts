// The clients export: one row per active client, in machine column names and codes (docs/i18n.md), its
// first day in Zurich (as the Clients page shows it), not the UTC date, which is the day before for a
// partnership that began after midnight in winter.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { partnershipId } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/session";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());

const { GET } = await import("./route");

describe.each(enginesUnderTest())("the clients export on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => { await t.dispose(); });

  it("gives each client in codes, with its first day in Zurich time", async () => {
    const { db, schema } = getDatabase();
    const helvetia = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    const matterhorn = await partnershipId("Matterhorn Sports AG", "Alpine Web Studio");
    // 00:30 in Zurich on New Year's Day (UTC+1), and 01:30 on a summer day (UTC+2).
    await db.update(schema.partnerships).set({ activatedAt: new Date("2025-12-31T23:30:00Z") }).where(eq(schema.partnerships.id, helvetia));
    await db.update(schema.partnerships).set({ activatedAt: new Date("2026-06-30T23:30:00Z") }).where(eq(schema.partnerships.id, matterhorn));
    await signInAs("marc@alpine-web.test");
    const { NextRequest } = await import("next/server");
    const res = await GET(new NextRequest("http://test/clients/export"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="clients-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...rows] = (await res.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe("client,access,payment_mode,products,since");
    expect(rows).toContain("Helvetia Bakery SA,full,customer,,2026-01-01");
    expect(rows).toContain("Matterhorn Sports AG,full,partner,,2026-07-01");
    // A limited partner's products by label; the payment mode of limited access is always the customer's.
    expect(rows.find((r) => r.startsWith("Ticino Vini SA,"))).toMatch(/^Ticino Vini SA,limited,customer,[^,]+,\d{4}-\d{2}-\d{2}$/);
  });
});
