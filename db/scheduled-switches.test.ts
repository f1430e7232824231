// Scheduled payment-mode switches and the consequence preview against the real database, on SQLite always
// and on PostgreSQL when TEST_DATABASE_URL is set: the preview's figures are what the engine then invoices;
// a switch is applied exactly once by concurrent job runs, before the same day's renewals; it is dropped
// with its reason and emails when the partnership changed or ended; stale versions are refused.
import { and, eq, gte, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { zurichDate } from "@/lib/billing/period";
import { META } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type Engine, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, orgId, partnershipId, readPartnership, userId } from "@/lib/testing/demo";
import { listPaymentModeHistory } from "./audit";
import { getDatabase } from "./client";
import { changeAccess, endPartnership } from "./lifecycle";
import { changePaymentMode, getCustomerPartnership } from "./partnerships";
import { runDueRenewals } from "./renewals";
import { applyDueSwitches, cancelSwitch, getPendingSwitch, listSwitches, scheduleSwitch } from "./scheduled-switches";
import { seedDemoData } from "./seed";
import { loadSwitchPreview } from "./switch-preview";

vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

/** Noon in Zurich on a calendar day: the job's `now` on that day. */
const noonOf = (day: string) => new Date(`${day}T11:00:00Z`);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.each(enginesUnderTest())("scheduled switches on %s", (engine: Engine) => {
  let t: TestDatabase;
  let helvetia: string, alpine: string, claire: string, pid: string;
  let actor: { userId: string; orgId: string; name: string };
  const today = zurichDate(new Date());

  beforeEach(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [helvetia, alpine, claire] = await Promise.all([orgId("Helvetia Bakery SA"), orgId("Alpine Web Studio"), userId("claire@helvetia-bakery.test")]);
    pid = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    actor = { userId: claire, orgId: helvetia, name: "Claire Dubois" };
  });
  afterEach(async () => { await t.dispose(); });

  const schedule = async (effectiveDate: string, paymentMode: "customer" | "partner" = "partner") => {
    const p = await readPartnership(pid);
    const outcome = await scheduleSwitch({ partnershipId: pid, expectedVersion: p.version, paymentMode, effectiveDate, actor, meta: META });
    expect(outcome.kind).toBe("scheduled");
    return outcome;
  };

  /** The renewal invoices issued since `since` (supply start on or after `from`), by product and period start. */
  async function renewalInvoices(from: string) {
    const { db, schema } = getDatabase();
    const { orders, invoices, invoiceLines, prepaidEntries } = schema;
    const rows = await db.select({ invoice: invoices, productId: orders.productId })
      .from(invoices).innerJoin(orders, eq(orders.id, invoices.orderId))
      .where(and(eq(orders.customerOrgId, helvetia), eq(orders.kind, "renewal"), gte(invoices.supplyStart, from)));
    const ids = rows.map((r) => r.invoice.id);
    const lines = ids.length ? await db.select().from(invoiceLines).where(inArray(invoiceLines.invoiceId, ids)) : [];
    const cashback = ids.length ? await db.select().from(prepaidEntries).where(inArray(prepaidEntries.orderId, rows.flatMap((r) => (r.invoice.orderId ? [r.invoice.orderId] : [])))) : [];
    return new Map(rows.map((r) => [`${r.productId}@${r.invoice.supplyStart}`, {
      ...r.invoice,
      lines: lines.filter((l) => l.invoiceId === r.invoice.id).sort((a, b) => a.position - b.position).map((l) => ({ amountMinor: l.amountMinor, vatRateBp: l.vatRateBp, vatMinor: l.vatMinor })),
      cashbackMinor: cashback.filter((c) => c.orderId === r.invoice.orderId).reduce((s, c) => s + c.amountMinor, 0),
    }]));
  }

  /** Every row of the preview (chosen mode) equals, line by line, the invoice the engine issued for it. */
  async function expectPreviewInvoiced(preview: NonNullable<Awaited<ReturnType<typeof loadSwitchPreview>>>) {
    const issued = await renewalInvoices(preview.from);
    expect(preview.rows.length).toBeGreaterThan(0);
    for (const row of preview.rows) {
      const inv = issued.get(`${row.productId}@${row.renewalDate}`);
      expect(inv, `${row.label} on ${row.renewalDate} was invoiced`).toBeDefined();
      const s = row.chosen;
      if (!s.ok) throw new Error("the demo's CHF renewals are all priced");
      expect({ payer: inv!.orgId, subtotal: inv!.subtotalMinor, vat: inv!.vatMinor, total: inv!.totalMinor, cashback: inv!.cashbackMinor, lines: inv!.lines })
        .toEqual({
          payer: s.payerOrgId, subtotal: s.subtotalMinor, vat: s.vatMinor, total: s.totalMinor, cashback: s.benefit === "cashback" ? s.benefitMinor : 0,
          lines: s.lines.map((l) => ({ amountMinor: l.amountMinor, vatRateBp: l.vatRateBp, vatMinor: l.vatMinor })),
        });
    }
    // And the engine invoiced nothing else for this partnership's renewals in the window (those of the
    // products Lakeside's limited partnership lists are not in the preview: its mode does not change them).
    const { db, schema } = getDatabase();
    const orders = await db.select().from(schema.orders).where(and(eq(schema.orders.customerOrgId, helvetia), eq(schema.orders.partnershipId, pid), eq(schema.orders.kind, "renewal")));
    const windowKeys = [...issued.entries()].filter(([, inv]) => inv.supplyStart! < preview.until && orders.some((o) => o.id === inv.orderId)).map(([k]) => k).sort();
    expect(windowKeys).toEqual(preview.rows.map((r) => `${r.productId}@${r.renewalDate}`).sort());
  }

  it("previews, for a switch now, exactly what the renewals then invoice", async () => {
    const preview = await loadSwitchPreview({ customerOrgId: helvetia, partnershipId: pid, chosen: "partner", from: today });
    expect(preview).not.toBeNull();
    expect(preview!.totals.current.partner.count).toBe(0);
    expect(preview!.totals.chosen.partner.count).toBe(preview!.rows.length);
    const p = (await getCustomerPartnership({ id: pid, customerOrgId: helvetia }))!;
    expect((await changePaymentMode({ partnership: p, expectedVersion: p.version, paymentMode: "partner", actor, meta: META, messages: () => [] })).kind).toBe("changed");
    // The job, on the window's last day, renews everything due in it (each product once per year).
    await runDueRenewals({ now: noonOf(plusDays(preview!.until, -1)) });
    await expectPreviewInvoiced(preview!);
  });

  it("previews, for a scheduled switch, what is invoiced from its date on; renewals before it stay with the current payer", async () => {
    const preview = await loadSwitchPreview({ customerOrgId: helvetia, partnershipId: pid, chosen: "partner", from: today });
    // The date of the second renewal in the window: the first one falls before the switch.
    const date = preview!.rows.find((r) => r.renewalDate > today && r.renewalDate !== preview!.rows[0]!.renewalDate)!.renewalDate;
    await schedule(date);
    const fromDate = (await loadSwitchPreview({ customerOrgId: helvetia, partnershipId: pid, chosen: "partner", from: date }))!;
    await runDueRenewals({ now: noonOf(plusDays(date, -1)) });
    expect((await readPartnership(pid)).paymentMode).toBe("customer");
    await runDueRenewals({ now: noonOf(plusDays(fromDate.until, -1)) });
    expect((await readPartnership(pid)).paymentMode).toBe("partner");
    await expectPreviewInvoiced(fromDate);
    const before = [...(await renewalInvoices(today)).values()].filter((i) => i.supplyStart! < date);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((i) => i.orgId === helvetia)).toBe(true);
  });

  it("is applied exactly once when the job runs twice at the same moment", async () => {
    const date = plusDays(today, 10);
    const scheduled = await schedule(date);
    const applyingBefore = await countAuditEvents({ kind: "scheduled_switch.applied" });
    const [a, b, c] = await Promise.all([runDueRenewals({ now: noonOf(date) }), runDueRenewals({ now: noonOf(date) }), applyDueSwitches({ now: noonOf(date) })]);
    expect(a.switches!.applied + b.switches!.applied + c.applied).toBe(1);
    expect(await countAuditEvents({ kind: "scheduled_switch.applied" })).toBe(applyingBefore + 1);
    const p = await readPartnership(pid);
    expect(p).toMatchObject({ paymentMode: "partner", version: scheduled.kind === "scheduled" ? scheduled.version + 1 : -1 });
    expect((await listSwitches({ partnershipId: pid })).map((s) => s.status)).toEqual(["applied"]);
    const { db, schema } = getDatabase();
    const mails = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "payment-mode-switch-applied"));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["marc@alpine-web.test"]);
    // A later run finds nothing to do.
    expect((await applyDueSwitches({ now: noonOf(plusDays(date, 1)) })).applied).toBe(0);
  });

  it("takes effect before the renewals due on its day", async () => {
    const preview = (await loadSwitchPreview({ customerOrgId: helvetia, partnershipId: pid, chosen: "partner", from: plusDays(today, 1) }))!;
    const first = preview.rows[0]!;
    await schedule(first.renewalDate);
    await runDueRenewals({ now: noonOf(first.renewalDate) });
    const inv = (await renewalInvoices(first.renewalDate)).get(`${first.productId}@${first.renewalDate}`);
    expect(inv?.orgId).toBe(alpine);
    expect(inv?.lines).toHaveLength(2);
  });

  it("is applied by an order placed on its day even before the job ran", async () => {
    const preview = (await loadSwitchPreview({ customerOrgId: helvetia, partnershipId: pid, chosen: "partner", from: plusDays(today, 1) }))!;
    const first = preview.rows[0]!;
    await schedule(first.renewalDate);
    const { placeOrder } = await import("./orders");
    const placed = await placeOrder({ request: { kind: "renewal", productId: first.productId, expectedRenewalDate: first.renewalDate }, actor: { kind: "system" }, meta: META, at: noonOf(first.renewalDate) });
    expect(placed).toMatchObject({ kind: "placed", plan: { payerOrgId: alpine, totalMinor: first.chosen.ok ? first.chosen.totalMinor : -1 } });
    expect((await listSwitches({ partnershipId: pid }))[0]!.status).toBe("applied");
  });

  it("is dropped with the reason and an email to both sides when the partnership changed meanwhile", async () => {
    const date = plusDays(today, 20);
    await schedule(date);
    // Claire then switches the mode directly ("now") to partner and back: the partnership is not the one she scheduled on.
    for (const mode of ["partner", "customer"] as const) {
      const p = (await getCustomerPartnership({ id: pid, customerOrgId: helvetia }))!;
      expect((await changePaymentMode({ partnership: p, expectedVersion: p.version, paymentMode: mode, actor, meta: META, messages: () => [] })).kind).toBe("changed");
    }
    const report = await applyDueSwitches({ now: noonOf(date) });
    expect(report).toEqual({ applied: 0, dropped: 1, skipped: 0 });
    const [sw] = await listSwitches({ partnershipId: pid });
    expect(sw).toMatchObject({ status: "dropped", dropReason: "changed" });
    expect((await readPartnership(pid)).paymentMode).toBe("customer");
    const { db, schema } = getDatabase();
    const [event] = await db.select().from(schema.auditEvents).where(eq(schema.auditEvents.kind, "scheduled_switch.dropped"));
    expect(event).toMatchObject({ reason: "changed", partnershipId: pid });
    const mails = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "payment-mode-switch-dropped"));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["claire@helvetia-bakery.test", "marc@alpine-web.test"]);
    const marc = mails.find((m) => m.toAddress === "marc@alpine-web.test")!;
    expect(marc.locale).toBe("de-CH");
    expect(marc.textBody).toContain("nach der Planung geändert");
  });

  it("is dropped as 'ended' when the partnership ended before its date, emailed to the customer only", async () => {
    const date = plusDays(today, 20);
    await schedule(date);
    const p = await readPartnership(pid);
    expect((await endPartnership({ partnership: p, side: "customer", expectedVersion: p.version, actor, meta: META, messages: () => [] })).kind).toBe("ended");
    expect(await applyDueSwitches({ now: noonOf(date) })).toEqual({ applied: 0, dropped: 1, skipped: 0 });
    expect((await listSwitches({ partnershipId: pid }))[0]).toMatchObject({ status: "dropped", dropReason: "ended" });
    expect((await readPartnership(pid)).paymentMode).toBe("customer");
    // The former partner no longer sees the partnership (a 404): the end was its email.
    const { db, schema } = getDatabase();
    const mails = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "payment-mode-switch-dropped"));
    expect(mails.map((m) => m.toAddress)).toEqual(["claire@helvetia-bakery.test"]);
  });

  it("shows in the payment mode's history once applied, as does the reset of a downgrade; an access change that keeps the mode does not", async () => {
    const date = plusDays(today, 20);
    await schedule(date);
    expect(await applyDueSwitches({ now: noonOf(date) })).toMatchObject({ applied: 1 });
    const downgrade = async (access: "limited" | "full") => {
      const p = await readPartnership(pid);
      const outcome = await changeAccess({
        partnership: { ...p, productIds: [] }, expectedVersion: p.version, plan: { access, paymentMode: "customer", productIds: [] },
        actor, meta: META, messages: () => [],
      });
      expect(outcome.kind).toBe("changed");
    };
    await downgrade("limited"); // partner → customer: the mode is reset
    await downgrade("full"); // the mode stays "customer"
    // Newest first: the switch's event bears its date, 20 days from now, later than the access changes.
    expect((await listPaymentModeHistory({ partnershipId: pid })).map((h) => [h.via, h.actorName, h.from, h.to])).toEqual([
      ["schedule", null, "customer", "partner"],
      ["access", "Claire Dubois", "partner", "customer"],
    ]);
  });

  it("is cancelled by an access downgrade (full → limited), audited, the partner emailed", async () => {
    await schedule(plusDays(today, 20));
    const p = await readPartnership(pid);
    const outcome = await changeAccess({
      partnership: { ...p, productIds: [] }, expectedVersion: p.version, plan: { access: "limited", paymentMode: "customer", productIds: [] },
      actor, meta: META, messages: () => [],
    });
    expect(outcome.kind).toBe("changed");
    expect(await getPendingSwitch(null, { partnershipId: pid })).toBeNull();
    expect((await listSwitches({ partnershipId: pid }))[0]).toMatchObject({ status: "cancelled", resolvedByUserId: claire });
    const { db, schema } = getDatabase();
    const [event] = await db.select().from(schema.auditEvents).where(eq(schema.auditEvents.kind, "scheduled_switch.cancelled"));
    expect(event?.reason).toBe("access_limited");
    const [mail] = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "payment-mode-switch-cancelled"));
    expect(mail?.textBody).toContain("eingeschränkten Zugriff");
  });

  it("replaces and cancels only at the current version; a stale one changes nothing", async () => {
    const first = await schedule(plusDays(today, 20));
    if (first.kind !== "scheduled") throw new Error("not scheduled");
    const stale = first.version - 1;
    expect((await scheduleSwitch({ partnershipId: pid, expectedVersion: stale, paymentMode: "partner", effectiveDate: plusDays(today, 40), actor, meta: META })).kind).toBe("conflict");
    expect((await cancelSwitch({ partnershipId: pid, expectedVersion: stale, actor, meta: META })).kind).toBe("conflict");
    expect(await getPendingSwitch(null, { partnershipId: pid })).toMatchObject({ effectiveDate: plusDays(today, 20) });

    const replaced = await scheduleSwitch({ partnershipId: pid, expectedVersion: first.version, paymentMode: "partner", effectiveDate: plusDays(today, 40), actor, meta: META });
    expect(replaced).toMatchObject({ kind: "scheduled", replaced: true, version: first.version + 1 });
    expect((await listSwitches({ partnershipId: pid })).map((s) => s.status)).toEqual(["replaced", "pending"]);
    expect(await countAuditEvents({ kind: "scheduled_switch.replaced" })).toBe(1);
    const { db, schema } = getDatabase();
    const scheduledMails = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "payment-mode-switch-scheduled"));
    expect(scheduledMails).toHaveLength(2);

    expect((await cancelSwitch({ partnershipId: pid, expectedVersion: first.version + 2, actor, meta: META })).kind).toBe("conflict");
    expect((await cancelSwitch({ partnershipId: pid, expectedVersion: first.version + 1, actor, meta: META })).kind).toBe("cancelled");
    expect((await cancelSwitch({ partnershipId: pid, expectedVersion: first.version + 2, actor, meta: META })).kind).toBe("no_pending");
    // "Nothing to cancel" left the version alone.
    expect((await readPartnership(pid)).version).toBe(first.version + 2);
    expect(await countAuditEvents({ kind: "scheduled_switch.cancelled" })).toBe(1);
  });

  it("allows one pending switch per partnership (the database says so too)", async () => {
    await schedule(plusDays(today, 20));
    const { db, schema } = getDatabase();
    await expect(db.insert(schema.scheduledSwitches).values({
      id: "second-pending", partnershipId: pid, paymentMode: "partner", effectiveDate: plusDays(today, 30), status: "pending",
      partnershipVersion: 1, scheduledByUserId: claire, scheduledAt: new Date(),
    })).rejects.toThrow();
  });
});
