// The Products page's price sentences read billing's clock, as the order they announce does (db/orders.ts):
// an expired product starts a fresh year today, and today's VAT rate applies (7.7 % before 2024, 8.1 % since).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { loadCustomerBilling } from "@/db/billing-context";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { renewalQuote } from "./quotes";

vi.mock("server-only", () => ({}));

describe.each(enginesUnderTest())("the renewal quote on %s", (engine) => {
  let t: TestDatabase;
  const clock = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clock-")), "now");
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterEach(() => { vi.unstubAllEnvs(); });
  afterAll(async () => { await t.dispose(); });

  it("prices an expired product at the VAT rate of billing's today", async () => {
    const helvetia = await orgId("Helvetia Bakery SA");
    const ctx = (await loadCustomerBilling(getDatabase().db, { customerOrgIds: [helvetia] })).get(helvetia);
    const claire = { orgId: helvetia, orgName: "Helvetia Bakery SA", role: "legal_representative", orgIsPartner: false } as const;
    const expired = { id: "p", label: "Mail Service", priceMinor: 10_000, currency: "CHF", renewalDate: "2022-05-01", status: "expired" } as const;

    expect(renewalQuote(claire, ctx, expired, "en").text).toMatch(/^Invoiced to you: CHF\s108\.10 /);
    fs.writeFileSync(clock, "2023-06-01T10:00:00Z");
    vi.stubEnv("TEST_CLOCK_FILE", clock);
    expect(renewalQuote(claire, ctx, expired, "en").text).toMatch(/^Invoiced to you: CHF\s107\.70 /);
  });
});
