// `npm run payments:import FILE` as an operator runs it: a separate process on DATABASE_URL reading a
// camt.054 file, reporting each transaction, idempotent when run again; a broken file exits 1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase, setDatabase } from "@/db/client";
import { placeOrder } from "@/db/orders";
import { seedDemoData } from "@/db/seed";
import { findOffer } from "@/lib/catalogue";
import { customerActor, META } from "@/lib/testing/billing";
import { buildCamt054 } from "@/lib/testing/camt054";
import { runCli } from "@/lib/testing/cli";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, userId } from "@/lib/testing/demo";

const runImport = (url: string, file: string) => runCli("lib/cli/payments-import.ts", [file], url);

describe.each(enginesUnderTest())("npm run payments:import on %s", (engine) => {
  let t: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-camt-"));
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("pays the invoice a QR reference names, reports the unmatched, and changes nothing the second time", { timeout: 60_000 }, async () => {
    const helvetia = await orgId("Helvetia Bakery SA");
    const placed = await placeOrder({
      request: { kind: "new", customerOrgId: helvetia, offer: findOffer("domain-com")!, label: "cli-import.com" },
      actor: customerActor(await userId("claire@helvetia-bakery.test"), helvetia), meta: META,
    });
    if (placed.kind !== "placed") throw new Error("order refused");
    const { db, schema } = getDatabase();
    const [inv] = await db.select().from(schema.invoices).where(eq(schema.invoices.id, placed.invoiceId));
    const file = path.join(dir, "camt054.xml");
    fs.writeFileSync(file, buildCamt054({ messageId: "CLI-1", entries: [
      { bankReference: "CLI-PAY-1", direction: "credit", amountMinor: inv!.totalMinor, qrReference: inv!.qrReference!, bookedOn: "2026-11-20" },
      { bankReference: "CLI-PAY-2", direction: "credit", amountMinor: 4_200, qrReference: "210000000003139471430009017" },
    ] }));

    const first = await runImport(t.url, file);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`CLI-PAY-1  ${(inv!.totalMinor / 100).toFixed(2)} CHF  ${inv!.qrReference}: paid invoice ${placed.invoiceNumber}`);
    expect(first.stdout).toContain("CLI-PAY-2  42.00 CHF  210000000003139471430009017: UNMATCHED (unknown reference)");
    expect(first.stdout).toContain("Payments: 1 invoice(s) paid, 0 withdrawal(s) paid out, 1 unmatched, 0 already imported.");
    const [paid] = await db.select().from(schema.invoices).where(eq(schema.invoices.id, placed.invoiceId));
    expect(paid).toMatchObject({ status: "paid", paymentMethod: "bank_transfer", paymentReference: "CLI-PAY-1" });

    const second = await runImport(t.url, file);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Payments: 0 invoice(s) paid, 0 withdrawal(s) paid out, 0 unmatched, 2 already imported.");
  });

  it("exits 1 with a reason for a file that is not a camt.054 notification", { timeout: 60_000 }, async () => {
    const file = path.join(dir, "statement.xml");
    fs.writeFileSync(file, "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Document>&x;</Document>");
    const run = await runImport(t.url, file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Payments import failed: not well-formed XML: DOCTYPE/);
  });
});
