// Issuing, paying and reminding invoices against the real database, on SQLite always and on PostgreSQL
// when TEST_DATABASE_URL is set: the invoice's frozen VAT content and its email, payment from the prepaid
// account (once, never overdrawn, under parallel requests), camt.054 imports (exactly once), reminders
// (once per threshold), and the triggers that keep all of it immutable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCamt054 } from "@/lib/billing/camt054";
import { addDays } from "@/lib/billing/terms";
import { zurichDate } from "@/lib/billing/period";
import { isValidQrReference } from "@/lib/billing/references";
import { findOffer } from "@/lib/catalogue";
import { balanceOf, creditPrepaid, META, partnerActor } from "@/lib/testing/billing";
import { buildCamt054 } from "@/lib/testing/camt054";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, userId } from "@/lib/testing/demo";
import { importBankTransactions } from "./bank-import";
import { getDatabase } from "./client";
import { payInvoiceFromPrepaid } from "./invoice-payments";
import { placeOrder } from "./orders";
import { ledgerSum, withdraw } from "./prepaid";
import { runDueReminders } from "./reminders";
import { seedDemoData } from "./seed";

describe.each(enginesUnderTest())("invoices issued, paid and reminded on %s", (engine) => {
  let t: TestDatabase;
  let alpine: string, matterhorn: string, helvetia: string, marc: string;
  let orders = 0;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [alpine, matterhorn, helvetia] = await Promise.all(["Alpine Web Studio", "Matterhorn Sports AG", "Helvetia Bakery SA"].map(orgId)) as [string, string, string];
    marc = await userId("marc@alpine-web.test");
    await creditPrepaid(alpine, 100_000);
  });
  afterAll(async () => { await t.dispose(); });

  /** Marc orders a domain for Matterhorn (partner pays): an invoice to Alpine of CHF 17.21. */
  async function alpineInvoice(at = new Date()) {
    const outcome = await placeOrder({
      request: { kind: "new", customerOrgId: matterhorn, offer: findOffer("domain-com")!, label: `matterhorn-${engine}-${++orders}.com` },
      actor: partnerActor(marc, alpine), meta: META, at,
    });
    if (outcome.kind !== "placed") throw new Error(`order refused: ${outcome.reason}`);
    return outcome;
  }

  const invoiceRow = async (id: string) => {
    const { db, schema } = getDatabase();
    return (await db.select().from(schema.invoices).where(eq(schema.invoices.id, id)))[0]!;
  };
  const outboxFor = async (keyStart: string) => {
    const { db, schema } = getDatabase();
    return db.select().from(schema.outbox).where(like(schema.outbox.dedupeKey, `${keyStart}%`)).orderBy(asc(schema.outbox.toAddress));
  };

  describe("an issued invoice", () => {
    it("is frozen with the seller, the buyer's billing address, the supply period, the due date and a QR reference", async () => {
      const at = new Date("2026-03-01T09:00:00Z");
      const placed = await alpineInvoice(at);
      const inv = await invoiceRow(placed.invoiceId);
      expect(inv).toMatchObject({
        dueDate: "2026-03-31", paymentTermsDays: 30, supplyStart: "2026-03-01", supplyEnd: "2027-02-28",
        seller: { name: "Demo Hosting AG (fictitious)", vatNumber: "CHE-123.456.789 MWST", iban: "CH4431999123000889012" },
        buyer: { name: "Alpine Web Studio", address: { street: "Bahnhofstrasse 42", postalCode: "8001", city: "Zürich", country: "CH" } },
        paymentMethod: null, status: "unpaid",
      });
      expect(isValidQrReference(inv.qrReference!)).toBe(true);
      expect(inv.qrReference!.slice(14, 26)).toBe(String(inv.seq).padStart(12, "0"));
      const { db, schema } = getDatabase();
      const lines = await db.select().from(schema.invoiceLines).where(eq(schema.invoiceLines.invoiceId, inv.id)).orderBy(asc(schema.invoiceLines.position));
      expect(lines.map((l) => [l.code, l.params])).toEqual([
        ["subscription", { product: `matterhorn-${engine}-${orders}.com`, kind: "new", start: "2026-03-01", end: "2027-02-28" }],
        ["resellerDiscount", { rateBp: 2000 }],
      ]);
    });

    it("is emailed once to each legal representative of the payer, in their language, with the PDF to attach", async () => {
      const placed = await alpineInvoice();
      const mails = await outboxFor(`invoice:${placed.invoiceId}:`);
      expect(mails.map((m) => [m.toAddress, m.locale, m.attachment, m.template])).toEqual([
        ["marc@alpine-web.test", "de-CH", `invoice-pdf:${placed.invoiceId}`, "invoice_issued"],
      ]);
      expect(mails[0]!.subject).toBe(`Rechnung ${placed.invoiceNumber} an Alpine Web Studio: CHF 17.21`);
      expect(mails[0]!.textBody).toContain(`Die Rechnung ${placed.invoiceNumber} wurde an Alpine Web Studio ausgestellt: matterhorn-${engine}-${orders}.com: neues Abonnement`);
      // The customer's own invoices go to the customer's legal representatives.
      const claire = await userId("claire@helvetia-bakery.test");
      const own = await placeOrder({
        request: { kind: "new", customerOrgId: helvetia, offer: findOffer("domain-ch")!, label: `helvetia-${engine}.ch` },
        actor: { kind: "user", userId: claire, orgId: helvetia, side: "customer" }, meta: META,
      });
      expect(own.kind).toBe("placed");
      const theirs = await outboxFor(`invoice:${own.kind === "placed" ? own.invoiceId : "x"}:`);
      expect(theirs.map((m) => [m.toAddress, m.locale])).toEqual([["claire@helvetia-bakery.test", "fr-CH"]]);
      expect(theirs[0]!.subject).toMatch(/^Facture INV-\d{6} adressée à Helvetia Bakery SA : 17,19 CHF$/);
    });
  });

  describe("paying from the prepaid account", () => {
    it("debits the ledger, marks the invoice paid with date and method, and audits it, in one go; never twice", async () => {
      const placed = await alpineInvoice();
      const before = await balanceOf(alpine);
      const at = new Date();
      const outcome = await payInvoiceFromPrepaid({ invoiceId: placed.invoiceId, partnerOrgId: alpine, actor: { userId: marc, orgId: alpine }, meta: META, at });
      expect(outcome).toMatchObject({ kind: "paid", totalMinor: 1_721, balanceMinor: before - 1_721 });
      expect(await balanceOf(alpine)).toBe(before - 1_721);
      expect(await ledgerSum({ partnerOrgId: alpine })).toBe(before - 1_721);
      const inv = await invoiceRow(placed.invoiceId);
      expect(inv).toMatchObject({ status: "paid", paymentMethod: "prepaid", paymentReference: outcome.kind === "paid" ? outcome.entryId : "" });
      expect(inv.paidAt?.getTime()).toBe(at.getTime());
      const { db, schema } = getDatabase();
      const [entry] = await db.select().from(schema.prepaidEntries).where(eq(schema.prepaidEntries.invoiceId, placed.invoiceId));
      expect(entry).toMatchObject({ kind: "invoice_payment", amountMinor: -1_721, customerOrgId: matterhorn });
      const [event] = await db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.kind, "invoice.paid"), eq(schema.auditEvents.actorUserId, marc)));
      expect(event?.after).toMatchObject({ invoiceId: placed.invoiceId, method: "prepaid", totalMinor: 1_721 });

      expect(await payInvoiceFromPrepaid({ invoiceId: placed.invoiceId, partnerOrgId: alpine, actor: { userId: marc, orgId: alpine }, meta: META }))
        .toEqual({ kind: "already_paid" });
      expect(await balanceOf(alpine)).toBe(before - 1_721);
    });

    it("finds nothing for another organization's invoice, and changes nothing", async () => {
      const { db, schema } = getDatabase();
      const [helvetiaInvoice] = await db.select().from(schema.invoices).where(and(eq(schema.invoices.orgId, helvetia), eq(schema.invoices.status, "unpaid"))).limit(1);
      const before = await balanceOf(alpine);
      expect(await payInvoiceFromPrepaid({ invoiceId: helvetiaInvoice!.id, partnerOrgId: alpine, actor: { userId: marc, orgId: alpine }, meta: META }))
        .toEqual({ kind: "not_found" });
      expect((await invoiceRow(helvetiaInvoice!.id)).status).toBe("unpaid");
      expect(await balanceOf(alpine)).toBe(before);
    });

    it("pays an invoice once when ten requests race to pay it", async () => {
      const placed = await alpineInvoice();
      const before = await balanceOf(alpine);
      const results = await Promise.all(Array.from({ length: 10 }, () =>
        payInvoiceFromPrepaid({ invoiceId: placed.invoiceId, partnerOrgId: alpine, actor: { userId: marc, orgId: alpine }, meta: META })));
      expect(results.filter((r) => r.kind === "paid")).toHaveLength(1);
      expect(results.filter((r) => r.kind === "already_paid")).toHaveLength(9);
      expect(await balanceOf(alpine)).toBe(before - 1_721);
      const { db, schema } = getDatabase();
      expect(await db.select().from(schema.prepaidEntries).where(eq(schema.prepaidEntries.invoiceId, placed.invoiceId))).toHaveLength(1);
    });

    it("never overdraws when parallel payments together exceed the balance; a refused one leaves its invoice unpaid", async () => {
      // Leave CHF 40.00 in the account, then race five invoices of CHF 17.21 each: two fit.
      const balance = await balanceOf(alpine);
      const w = await withdraw({ partnerOrgId: alpine, amountMinor: balance - 4_000, actor: { userId: marc, orgId: alpine }, meta: META });
      expect(w.kind).toBe("withdrawn");
      const invoices = await Promise.all([1, 2, 3, 4, 5].map(() => alpineInvoice()));
      const results = await Promise.all(invoices.map((i) =>
        payInvoiceFromPrepaid({ invoiceId: i.invoiceId, partnerOrgId: alpine, actor: { userId: marc, orgId: alpine }, meta: META })));
      expect(results.filter((r) => r.kind === "paid")).toHaveLength(2);
      expect(results.filter((r) => r.kind === "insufficient")).toHaveLength(3);
      expect(await balanceOf(alpine)).toBe(4_000 - 2 * 1_721);
      expect(await ledgerSum({ partnerOrgId: alpine })).toBe(4_000 - 2 * 1_721);
      const statuses = await Promise.all(invoices.map(async (i) => (await invoiceRow(i.invoiceId)).status));
      expect(statuses.filter((s) => s === "paid")).toHaveLength(2);
      const refused = results.find((r) => r.kind === "insufficient");
      expect(refused).toEqual({ kind: "insufficient", balanceMinor: 4_000 - 2 * 1_721, totalMinor: 1_721, currency: "CHF" });
    });
  });

  describe("camt.054 import", () => {
    it("pays the invoices its QR references name, marks withdrawals paid out, reports the rest, and is idempotent", async () => {
      const [a, b] = [await alpineInvoice(), await alpineInvoice()];
      const [ra, rb] = [(await invoiceRow(a.invoiceId)).qrReference!, (await invoiceRow(b.invoiceId)).qrReference!];
      const w = await withdraw({ partnerOrgId: alpine, amountMinor: 100, actor: { userId: marc, orgId: alpine }, meta: META });
      if (w.kind !== "withdrawn") throw new Error("withdrawal refused");
      const file = buildCamt054({ messageId: `M-${engine}`, entries: [
        { bankReference: `${engine}-1`, direction: "credit", amountMinor: 1_721, qrReference: ra, bookedOn: "2026-03-09" },
        { bankReference: `${engine}-2`, direction: "credit", amountMinor: 1_700, qrReference: rb },
        { bankReference: `${engine}-3`, direction: "credit", amountMinor: 5_000, qrReference: "210000000003139471430009017" },
        { bankReference: `${engine}-4`, direction: "debit", amountMinor: 100, endToEndId: w.reference },
        { bankReference: `${engine}-5`, direction: "credit", amountMinor: 999 },
      ] });
      const { transactions } = parseCamt054(file);
      const first = await importBankTransactions(transactions, { meta: META });
      expect(first.map((r) => r.outcome)).toEqual([
        { kind: "invoice_paid", invoiceNumber: a.invoiceNumber },
        { kind: "unmatched", reason: "amount_differs" },
        { kind: "unmatched", reason: "unknown_reference" },
        { kind: "withdrawal_paid", reference: w.reference },
        { kind: "unmatched", reason: "no_reference" },
      ]);
      expect(await invoiceRow(a.invoiceId)).toMatchObject({ status: "paid", paymentMethod: "bank_transfer", paymentReference: `${engine}-1` });
      expect((await invoiceRow(a.invoiceId)).paidAt?.toISOString().slice(0, 10)).toBe("2026-03-09");
      expect((await invoiceRow(b.invoiceId)).status).toBe("unpaid");
      const { db, schema } = getDatabase();
      expect((await db.select().from(schema.withdrawals).where(eq(schema.withdrawals.id, w.withdrawalId)))[0]).toMatchObject({ status: "paid" });

      const audit = await db.select().from(schema.auditEvents).where(eq(schema.auditEvents.kind, "invoice.paid"));
      const again = await importBankTransactions(parseCamt054(file).transactions, { meta: META });
      expect(again.map((r) => r.outcome.kind)).toEqual(Array(5).fill("already_imported"));
      expect(await db.select().from(schema.auditEvents).where(eq(schema.auditEvents.kind, "invoice.paid"))).toHaveLength(audit.length);
    });

    it("marks an invoice paid exactly once when two imports of the same file run at once", async () => {
      const inv = await alpineInvoice();
      const ref = (await invoiceRow(inv.invoiceId)).qrReference!;
      const file = buildCamt054({ entries: [{ bankReference: `${engine}-race`, direction: "credit", amountMinor: 1_721, qrReference: ref }] });
      const reports = await Promise.all([1, 2, 3].map(() => importBankTransactions(parseCamt054(file).transactions, { meta: META })));
      const outcomes = reports.flat().map((r) => r.outcome.kind).sort();
      expect(outcomes).toEqual(["already_imported", "already_imported", "invoice_paid"]);
      const { db, schema } = getDatabase();
      expect(await db.select().from(schema.bankPayments).where(eq(schema.bankPayments.bankReference, `${engine}-race`))).toHaveLength(1);
    });

    it("records a transaction of any amount the format allows, beyond an integer's range, as matching nothing", async () => {
      const w = await withdraw({ partnerOrgId: alpine, amountMinor: 100, actor: { userId: marc, orgId: alpine }, meta: META });
      if (w.kind !== "withdrawn") throw new Error("withdrawal refused");
      const huge = 99_999_999_999_999; // 999,999,999,999.99: 15 digits
      const file = buildCamt054({ entries: [
        { bankReference: `${engine}-huge-1`, direction: "credit", amountMinor: huge },
        { bankReference: `${engine}-huge-2`, direction: "debit", amountMinor: huge, endToEndId: w.reference },
        { bankReference: `${engine}-huge-3`, direction: "debit", amountMinor: 2 ** 31, endToEndId: w.reference },
      ] });
      const report = await importBankTransactions(parseCamt054(file).transactions, { meta: META });
      expect(report.map((r) => r.outcome)).toEqual([
        { kind: "unmatched", reason: "no_reference" }, { kind: "unmatched", reason: "amount_differs" }, { kind: "unmatched", reason: "amount_differs" },
      ]);
      const { db, schema } = getDatabase();
      const rows = await db.select().from(schema.bankPayments).where(like(schema.bankPayments.bankReference, `${engine}-huge-%`)).orderBy(asc(schema.bankPayments.bankReference));
      expect(rows.map((r) => r.amountMinor)).toEqual([huge, huge, 2 ** 31]);
      expect((await db.select().from(schema.withdrawals).where(eq(schema.withdrawals.id, w.withdrawalId)))[0]).toMatchObject({ status: "requested" });
    });
  });

  describe("reminders", () => {
    it("email each overdue invoice once at 10 days past due and once at 30, never a paid one, and nothing on a second run", async () => {
      const issued = new Date(Date.now() - 400 * 86_400_000);
      const overdue = await alpineInvoice(issued);
      const paid = await alpineInvoice(issued);
      const { db, schema } = getDatabase();
      await db.update(schema.invoices).set({ status: "paid", paidAt: new Date(), paymentMethod: "bank_transfer" }).where(eq(schema.invoices.id, paid.invoiceId));
      const due = (await invoiceRow(overdue.invoiceId)).dueDate!;
      const dayAt = (days: number) => new Date(`${addDays(due, days)}T10:00:00Z`);

      expect((await runDueReminders({ now: dayAt(9) })).sent).toBe(0);
      await runDueReminders({ now: dayAt(10) });
      let mails = await outboxFor(`invoice-reminder:${overdue.invoiceId}:`);
      expect(mails.map((m) => [m.dedupeKey, m.toAddress, m.attachment])).toEqual([
        [`invoice-reminder:${overdue.invoiceId}:10:${marc}`, "marc@alpine-web.test", `invoice-pdf:${overdue.invoiceId}`],
      ]);
      expect(mails[0]!.subject).toBe(`Zahlungserinnerung: Rechnung ${overdue.invoiceNumber} ist überfällig (CHF 17.21)`);
      expect(mails[0]!.textBody).toContain("10 Tage später noch offen");
      expect((await runDueReminders({ now: dayAt(11) })).sent).toBe(0);
      expect(await runDueReminders({ now: dayAt(30) })).toEqual({ sent: 1 });
      await Promise.all([runDueReminders({ now: dayAt(31) }), runDueReminders({ now: dayAt(31) })]);
      mails = await outboxFor(`invoice-reminder:${overdue.invoiceId}:`);
      expect(mails.map((m) => m.dedupeKey.split(":")[2])).toEqual(["10", "30"].map(String).sort());
      expect(await outboxFor(`invoice-reminder:${paid.invoiceId}:`)).toEqual([]);
      expect(await db.select().from(schema.invoiceReminders).where(eq(schema.invoiceReminders.invoiceId, overdue.invoiceId))).toHaveLength(2);
      expect(zurichDate(dayAt(30)) > due).toBe(true);
    });

    it("and orders placed without a time are billed on the app's clock too (the Products page's orders)", async () => {
      const clock = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clock-")), "now");
      fs.writeFileSync(clock, "2027-03-01T09:00:00Z");
      vi.stubEnv("TEST_CLOCK_FILE", clock);
      let outcome;
      try {
        outcome = await placeOrder({
          request: { kind: "new", customerOrgId: matterhorn, offer: findOffer("domain-com")!, label: `matterhorn-${engine}-clock.com` },
          actor: partnerActor(marc, alpine), meta: META,
        });
      } finally {
        vi.unstubAllEnvs();
      }
      if (outcome.kind !== "placed") throw new Error(`order refused: ${outcome.reason}`);
      expect((await invoiceRow(outcome.invoiceId)).issuedAt.toISOString()).toBe("2027-03-01T09:00:00.000Z");
      const [mail] = await outboxFor(`invoice:${outcome.invoiceId}`);
      expect(mail!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    });

    it("go by the app's clock when given no time (the hourly schedule, npm run reminders), as the pages' overdue does", async () => {
      const fresh = await alpineInvoice(new Date());
      const due = (await invoiceRow(fresh.invoiceId)).dueDate!;
      const clock = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clock-")), "now");
      fs.writeFileSync(clock, `${addDays(due, 10)}T10:00:00Z`);
      vi.stubEnv("TEST_CLOCK_FILE", clock);
      try {
        await runDueReminders();
      } finally {
        vi.unstubAllEnvs();
      }
      const mails = await outboxFor(`invoice-reminder:${fresh.invoiceId}:`);
      expect(mails.map((m) => m.dedupeKey.split(":")[2])).toEqual(["10"]);
      // Due at once by the worker's real clock, not held until the test clock's day really comes.
      expect(mails[0]!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    });
  });

  describe("immutability (database triggers)", () => {
    it("refuses every change to an issued invoice but its one payment, and to paid ones entirely", async () => {
      const { db, schema } = getDatabase();
      const { invoices } = schema;
      const placed = await alpineInvoice();
      const id = placed.invoiceId;
      const frozen = [
        { dueDate: "2099-01-01" }, { paymentTermsDays: 90 }, { supplyStart: "2000-01-01" }, { supplyEnd: "2000-01-01" },
        { qrReference: "000000000000000000000000000" }, { seller: { name: "Someone else", address: null } }, { buyer: { name: "x", address: null } },
        { totalMinor: 1 }, { issuedAt: new Date(0) },
      ];
      for (const change of frozen) {
        await expect(db.update(invoices).set(change).where(eq(invoices.id, id)), JSON.stringify(change)).rejects.toThrow();
      }
      // Paid without a method, or with one we do not know: refused.
      await expect(db.update(invoices).set({ status: "paid", paidAt: new Date() }).where(eq(invoices.id, id))).rejects.toThrow();
      await expect(db.update(invoices).set({ status: "paid", paidAt: new Date(), paymentMethod: "cash" as never }).where(eq(invoices.id, id))).rejects.toThrow();
      // The one change allowed, once; then nothing, not even the payment's own columns.
      await db.update(invoices).set({ status: "paid", paidAt: new Date(), paymentMethod: "bank_transfer", paymentReference: "r" }).where(eq(invoices.id, id));
      for (const change of [{ paymentMethod: "prepaid" as const }, { paymentReference: "other" }, { paidAt: new Date(0) }, { status: "unpaid" as const }]) {
        await expect(db.update(invoices).set(change).where(eq(invoices.id, id)), JSON.stringify(change)).rejects.toThrow();
      }
      await expect(db.update(schema.invoiceLines).set({ code: "other" }).where(eq(schema.invoiceLines.invoiceId, id))).rejects.toThrow();
    });

    it("lets a withdrawal go from requested to paid only, and keeps reminders and imported payments append-only", async () => {
      const { db, schema } = getDatabase();
      const w = await withdraw({ partnerOrgId: alpine, amountMinor: 50, actor: { userId: marc, orgId: alpine }, meta: META });
      if (w.kind !== "withdrawn") throw new Error("withdrawal refused");
      const ws = schema.withdrawals;
      await expect(db.update(ws).set({ iban: "CH0300700110000123456" }).where(eq(ws.id, w.withdrawalId))).rejects.toThrow();
      await expect(db.update(ws).set({ amountMinor: 1 }).where(eq(ws.id, w.withdrawalId))).rejects.toThrow();
      await expect(db.update(ws).set({ status: "paid" }).where(eq(ws.id, w.withdrawalId))).rejects.toThrow(); // no date
      await db.update(ws).set({ status: "paid", paidAt: new Date() }).where(eq(ws.id, w.withdrawalId));
      await expect(db.update(ws).set({ status: "requested", paidAt: null }).where(eq(ws.id, w.withdrawalId))).rejects.toThrow();
      await expect(db.delete(ws).where(eq(ws.id, w.withdrawalId))).rejects.toThrow();
      await expect(db.delete(schema.invoiceReminders)).rejects.toThrow();
      await expect(db.update(schema.bankPayments).set({ outcome: "unmatched" })).rejects.toThrow();
      await expect(db.delete(schema.bankPayments)).rejects.toThrow();
    });
  });
});
