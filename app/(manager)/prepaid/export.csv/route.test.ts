// The ledger export, row for row, against the ledger page read page by page without any carried
// balance (each page's balances from the account's balance less everything newer): the export's
// running balance must give the same balance-after on every row, filtered or not.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listPrepaidClients, listPrepaidEntries, type PrepaidFilter } from "@/db/prepaid";
import { seedDemoData } from "@/db/seed";
import { scaleBy, seedLargeData } from "@/db/seed-large";
import { csvRow, minorToDecimal } from "@/lib/csv";
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
        expected += csvRow([e.createdAt.toISOString(), e.kind, e.customerName, e.productLabel, e.orderId, e.orderKind, e.currency,
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
});
