// The ledger export, row for row, against the ledger page read page by page without any carried
// balance (each page's balances from the account's balance less everything newer): the export's
// running balance must give the same balance-after on every row, filtered or not. Its times are Zurich's,
// with the offset, as the page shows them and its date filter counts days.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listPrepaidClients, listPrepaidEntries, type PrepaidFilter } from "@/db/prepaid";
import { getDatabase } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { scaleBy, seedLargeData } from "@/db/seed-large";
import { csvRow, minorToDecimal } from "@/lib/csv";
import { zurichTimestamp } from "@/lib/billing/period";
import { newId } from "@/lib/ids";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/session";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());

const { GET } = await import("./route");

describe.each(enginesUnderTest())("the prepaid ledger export on %s", (engine) => {
  let t: TestDatabase;
  let alpine: string;
  let client: string;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    await seedLargeData({ scale: scaleBy(0.002) }); // 1,000 more entries: three chunks of the export
    alpine = (await orgId("Alpine Web Studio"))!;
    client = (await listPrepaidClients({ partnerOrgId: alpine }))[0]!.id;
  });
  afterAll(async () => { await t.dispose(); });

  it.each([
    ["everything", {}],
    ["one client", { client: "CLIENT" }],
    ["withdrawals", { kind: "withdrawal" }],
  ] as const)("gives %s with the balance after each entry that the ledger page gives", async (_, params) => {
    await signInAs("marc@alpine-web.test");
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, v === "CLIENT" ? client : v]));
    const filter: PrepaidFilter = { partnerOrgId: alpine, kind: query.get("kind") as PrepaidFilter["kind"] ?? undefined, customerOrgId: query.get("client") ?? undefined };
    let expected = "";
    let count = 0;
    let cursor: { at: Date; id: string } | undefined;
    do {
      const page = await listPrepaidEntries({ ...filter, cursor, limit: 50 });
      for (const e of page.rows) {
        expected += csvRow([zurichTimestamp(e.createdAt), e.kind, e.customerName, e.productLabel, e.orderId, e.orderKind, e.currency,
          minorToDecimal(e.amountMinor), minorToDecimal(e.balanceAfterMinor), e.invoiceNumber, e.withdrawalStatus, e.withdrawalReference]);
      }
      count += page.rows.length;
      cursor = page.next ?? undefined;
    } while (cursor);
    const { NextRequest } = await import("next/server");
    const res = await GET(new NextRequest(`http://test/prepaid/export.csv?${query}`));
    expect(res.status).toBe(200);
    const [header, ...rest] = (await res.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe("date,entry,client,product,order,order_kind,currency,amount,balance_after,invoice,withdrawal_status,withdrawal_reference");
    expect(rest.join("\r\n")).toBe(expected);
    expect(count).toBeGreaterThan(params === undefined || Object.keys(params).length === 0 ? 1_000 : 10);
  });

  it("writes each entry's time in Zurich with its offset, around midnight and both DST changes, as the date filter counts days", async () => {
    // Jura Hosting Partners has no ledger yet: these entries are all of its export.
    const jura = (await orgId("Jura Hosting Partners"))!;
    const instants = [
      ["2025-12-31T22:59:59.000Z", "2025-12-31T23:59:59+01:00"],
      ["2025-12-31T23:30:00.000Z", "2026-01-01T00:30:00+01:00"], // was written 2025-12-31T23:30:00.000Z
      ["2026-03-29T00:30:00.000Z", "2026-03-29T01:30:00+01:00"],
      ["2026-03-29T01:30:00.000Z", "2026-03-29T03:30:00+02:00"], // 02:00 CET is 03:00 CEST
      ["2026-10-25T00:30:00.000Z", "2026-10-25T02:30:00+02:00"],
      ["2026-10-25T01:30:00.000Z", "2026-10-25T02:30:00+01:00"], // the same wall-clock time, an hour later
    ] as const;
    const { db, schema } = getDatabase();
    await db.insert(schema.prepaidEntries).values(instants.map(([at], i) => ({
      id: newId(), partnerOrgId: jura, kind: "cashback" as const, amountMinor: 100, currency: "CHF" as const, createdAt: new Date(at), balanceAfterMinor: 100 * (i + 1),
    })));
    await signInAs("ines@jura-hosting.test");
    const { NextRequest } = await import("next/server");
    const dates = async (query: string) => {
      const res = await GET(new NextRequest(`http://test/prepaid/export.csv${query}`));
      expect(res.status).toBe(200);
      const [header, ...rows] = (await res.text()).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
      expect(header!.split(",")[0]).toBe("date");
      return rows.map((r) => r.split(",")[0]);
    };
    expect(await dates("")).toEqual(instants.map(([, zurich]) => zurich).reverse());
    // The filter's Zurich day and the column agree: 1 January holds the entry at 00:30, not the one at 23:59:59.
    expect(await dates("?from=2026-01-01&to=2026-01-01")).toEqual(["2026-01-01T00:30:00+01:00"]);
    expect(await dates("?from=2025-12-31&to=2025-12-31")).toEqual(["2025-12-31T23:59:59+01:00"]);
    expect(await dates("?from=2026-10-25&to=2026-10-25")).toEqual(["2026-10-25T02:30:00+01:00", "2026-10-25T02:30:00+02:00"]);
  });
});
