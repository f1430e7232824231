// Coalescing of payment-mode emails (issue #12), on every engine under test, through a real SMTP server:
// quick changes of one partnership make one email per recipient stating the final mode; an email a
// worker has claimed (or sent, or given back) is never rewritten, so the next change gets its own; and
// a change racing a worker's claim never loses an email nor changes one after it was claimed.
import { and, eq, gte } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/db/client";
import { claimDueMessages, markSent, releaseLeases, type OutboxMessage } from "@/db/outbox";
import { changePaymentMode, getCustomerPartnership, PAYMENT_MODE_TEMPLATES } from "@/db/partnerships";
import { seedDemoData } from "@/db/seed";
import type { PaymentMode } from "@/lib/domain";
import { META } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, userId } from "@/lib/testing/demo";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { paymentModeMail } from "./payment-mode-mail";
import { createTransport, messageIdFor, type MailTransport } from "./transport";
import { deliverDueMessages } from "./worker";

const FROM = "Partner Manager <no-reply@partner-manager.test>";
const WINDOW = 120_000;
const DAY = 86_400_000;
const at = (t: Date, ms: number) => new Date(t.getTime() + ms);
const other = (m: PaymentMode): PaymentMode => (m === "customer" ? "partner" : "customer");

describe.each(enginesUnderTest())("payment-mode email coalescing on %s", (engine) => {
  let t: TestDatabase;
  let sink: SmtpSink;
  let transport: MailTransport;
  let id: string, helvetia: string, claire: string;
  // Each test runs on its own day, later than the previous one's, so no row of an earlier test is
  // inside a later test's window.
  let day = 0;
  const nextDay = () => new Date(Date.UTC(2031, 0, 1, 9) + ++day * DAY);

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    id = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    helvetia = await orgId("Helvetia Bakery SA");
    claire = await userId("claire@helvetia-bakery.test");
    sink = await startSmtpSink({ keepMessages: true });
    transport = createTransport({ smtpUrl: sink.url, from: FROM });
  });
  afterAll(async () => {
    transport.close();
    await sink.close();
    await t.dispose();
  });

  async function current() {
    return (await getCustomerPartnership({ id, customerOrgId: helvetia }))!;
  }

  /** Claire changes the mode as the action does, at `now`. */
  async function change(to: PaymentMode, now: Date) {
    const p = await current();
    const outcome = await changePaymentMode({
      partnership: p, expectedVersion: p.version, paymentMode: to, actor: { userId: claire, orgId: helvetia }, meta: META,
      coalesceMs: WINDOW, now, ...paymentModeMail(p, { userId: claire, name: "Claire Dubois" }),
    });
    expect(outcome.kind).toBe("changed");
  }

  async function rowsSince(since: Date): Promise<OutboxMessage[]> {
    const { db, schema } = getDatabase();
    const o = schema.outbox;
    return db.select().from(o).where(and(eq(o.partnershipId, id), gte(o.createdAt, since))).orderBy(o.createdAt, o.id);
  }

  /** What the SMTP server received from here on, parsed. */
  /** Delivers everything due by `now`, so a test starts with no email of an earlier one waiting. */
  async function flush(now: Date) {
    while ((await deliverDueMessages({ transport, now })).claimed > 0);
  }

  function received() {
    const from = sink.messages.length;
    return () => Promise.all(sink.messages.slice(from).map((m) => simpleParser(m)));
  }
  const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;

  it("four quick toggles: one email per recipient, sent when the window ends, stating the final mode", async () => {
    const t0 = nextDay();
    const mails = received();
    const start = (await current()).paymentMode;
    const modes = [other(start), start, other(start), start];
    for (const [i, mode] of modes.entries()) await change(mode, at(t0, i * 20_000));

    const rows = await rowsSince(t0);
    expect(rows.map((r) => r.template).sort()).toEqual([PAYMENT_MODE_TEMPLATES.partner, PAYMENT_MODE_TEMPLATES.customer].sort());
    expect(rows.every((r) => r.nextAttemptAt.getTime() === t0.getTime() + WINDOW)).toBe(true);
    // Nothing goes out inside the window.
    expect((await deliverDueMessages({ transport, now: at(t0, WINDOW - 1) })).claimed).toBe(0);
    expect(await deliverDueMessages({ transport, now: at(t0, WINDOW) })).toMatchObject({ claimed: 2, sent: 2 });

    const got = await mails();
    expect(got).toHaveLength(2);
    const marc = got.find((m) => to(m) === "marc@alpine-web.test")!;
    const label = start === "customer" ? "Kunde zahlt" : "Partner zahlt";
    // Back where it started: the email still goes (four audited changes happened) and says so.
    expect(marc.subject).toBe(`Helvetia Bakery SA hat den Zahlungsmodus geändert und zurückgesetzt: wieder «${label}»`);
    expect(marc.text).toContain(`Claire Dubois von Helvetia Bakery SA hat den Zahlungsmodus der Partnerschaft mit Alpine Web Studio geändert und wieder zurückgesetzt`);
    expect(marc.text).toContain("Diese E-Mail fasst 4 Änderungen zwischen 10:00 und 10:01 Uhr zusammen");
    expect(marc.headers.get("auto-submitted")).toBe("auto-generated");
    expect(marc.text).toContain("gesetzlicher Vertreter von Alpine Web Studio");
    const claireMail = got.find((m) => to(m) === "claire@helvetia-bakery.test")!;
    expect(claireMail.text).toContain("Vous avez changé le mode de paiement du partenariat de Helvetia Bakery SA avec Alpine Web Studio, puis l’avez rétabli");
    expect(claireMail.text).toContain("Cet e-mail résume 4 changements effectués entre 10:00 et 10:01");
    // Her own name only in the greeting: never "Bonjour Claire Dubois, Claire Dubois a changé…".
    expect(claireMail.text!.match(/Claire Dubois/g)).toHaveLength(1);

    // The rows point at the last change's audit event.
    const { db, schema } = getDatabase();
    const events = await db.select({ id: schema.auditEvents.id, seq: schema.auditEvents.seq }).from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.partnershipId, id), eq(schema.auditEvents.kind, "payment_mode.changed"), gte(schema.auditEvents.createdAt, t0)))
      .orderBy(schema.auditEvents.seq);
    expect(events).toHaveLength(4);
    expect(new Set((await rowsSince(t0)).map((r) => r.auditEventId))).toEqual(new Set([events[3]!.id]));
  });

  it("three quick toggles: one email from the mode before the first to the final one", async () => {
    const t0 = nextDay();
    const mails = received();
    const start = (await current()).paymentMode;
    for (const [i, mode] of [other(start), start, other(start)].entries()) await change(mode, at(t0, i * 30_000));
    await deliverDueMessages({ transport, now: at(t0, WINDOW) });
    const got = await mails();
    expect(got.map(to).sort()).toEqual(["claire@helvetia-bakery.test", "marc@alpine-web.test"]);
    const marc = got.find((m) => to(m) === "marc@alpine-web.test")!;
    const [fromLabel, toLabel] = start === "customer" ? ["Kunde zahlt", "Partner zahlt"] : ["Partner zahlt", "Kunde zahlt"];
    expect(marc.subject).toBe(`Helvetia Bakery SA hat den Zahlungsmodus auf «${toLabel}» geändert`);
    expect(marc.text).toContain(`um 10:01 Uhr (Schweizer Zeit) von «${fromLabel}» auf «${toLabel}» geändert`);
    expect(marc.text).toContain("fasst 3 Änderungen zwischen 10:00 und 10:01 Uhr zusammen");
  });

  it("a change after the first email was claimed gets an email of its own; the claimed one is not touched", async () => {
    const t0 = nextDay();
    const mails = received();
    const start = (await current()).paymentMode;
    await change(other(start), t0);
    const before = await rowsSince(t0);
    // A worker (its clock a little ahead) claims the emails while the window still runs for the app.
    const claimed = await claimDueMessages({ now: at(t0, WINDOW), limit: 100, leaseMs: 60_000 });
    expect(claimed.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    await change(start, at(t0, 30_000));

    const after = await rowsSince(t0);
    expect(after).toHaveLength(4);
    for (const row of before) expect(after.find((r) => r.id === row.id)).toMatchObject({ textBody: row.textBody, dedupeKey: row.dedupeKey });
    // The worker's sends go out as claimed; the second change's emails after their own window.
    await markSent({ ids: claimed.map((r) => r.id), leaseToken: claimed[0]!.leaseToken!, at: at(t0, WINDOW) });
    for (const row of claimed) await transport.send(row);
    expect(await deliverDueMessages({ transport, now: at(t0, 30_000 + WINDOW) })).toMatchObject({ claimed: 2, sent: 2 });

    const marc = (await mails()).filter((m) => to(m) === "marc@alpine-web.test");
    expect(marc).toHaveLength(2);
    const label = (m: PaymentMode) => (m === "customer" ? "«Kunde zahlt»" : "«Partner zahlt»");
    expect(marc[0]!.text).toContain(`von ${label(start)} auf ${label(other(start))} geändert`);
    expect(marc[1]!.text).toContain(`von ${label(other(start))} auf ${label(start)} geändert`);
    for (const m of marc) expect(m.text).not.toContain("fasst");
  });

  it("a row given back by a stopping worker may have been in flight: never rewritten either", async () => {
    const t0 = nextDay();
    const start = (await current()).paymentMode;
    await change(other(start), t0);
    const claimed = await claimDueMessages({ now: at(t0, WINDOW), limit: 100, leaseMs: 60_000 });
    expect(await releaseLeases({ ids: claimed.map((r) => r.id), leaseToken: claimed[0]!.leaseToken! })).toBe(2);
    await change(start, at(t0, 10_000));
    const rows = await rowsSince(t0);
    expect(rows).toHaveLength(4);
    for (const row of claimed) expect(rows.find((r) => r.id === row.id)?.textBody).toBe(row.textBody);
    await deliverDueMessages({ transport, now: at(t0, 10 * WINDOW) });
    expect((await rowsSince(t0)).every((r) => r.status === "sent")).toBe(true);
  });

  it.runIf(engine === "postgres")("a claim committed while the change waits for the row: the change gets its own email", async () => {
    const t0 = nextDay();
    const start = (await current()).paymentMode;
    await change(other(start), t0);
    const [first] = (await rowsSince(t0)).filter((r) => r.template === PAYMENT_MODE_TEMPLATES.partner);
    // Another instance is claiming the row: its transaction holds the row lock, not yet committed.
    const worker = new pg.Client({ connectionString: t.url });
    await worker.connect();
    try {
      await worker.query("BEGIN");
      await worker.query("UPDATE outbox SET locked_until = $2, lease_token = 'other-instance' WHERE id = $1", [first!.id, at(t0, 10 * WINDOW)]);
      let done = false;
      const pending = change(start, at(t0, 20_000)).then(() => { done = true; });
      await new Promise((r) => setTimeout(r, 300));
      // The change read the row as waiting and now waits on its lock.
      expect(done).toBe(false);
      await worker.query("COMMIT");
      await pending;
    } finally {
      await worker.end();
    }
    const marc = (await rowsSince(t0)).filter((r) => r.template === PAYMENT_MODE_TEMPLATES.partner);
    expect(marc).toHaveLength(2);
    expect(marc.find((r) => r.id === first!.id)).toMatchObject({ textBody: first!.textBody, leaseToken: "other-instance" });
    const own = marc.find((r) => r.id !== first!.id)!;
    // Its own email tells this change alone, waiting its own window.
    expect(own.textBody).not.toContain("fasst");
    expect(own.nextAttemptAt).toEqual(at(t0, 20_000 + WINDOW));
  });

  it("changes racing the worker's claims: no email lost, none sent twice, none changed after it was claimed", async () => {
    const t0 = nextDay();
    await flush(t0);
    const mails = received();
    const finals: PaymentMode[] = [];
    for (let round = 0; round < 8; round++) {
      const tr = at(t0, round * 10 * WINDOW);
      const start = (await current()).paymentMode;
      await change(other(start), tr);
      // The app still sees the window open; a worker whose clock is ahead claims at the same moment.
      await Promise.all([
        change(start, at(tr, WINDOW - 1)),
        deliverDueMessages({ transport, now: at(tr, WINDOW + round) }),
      ]);
      finals.push(start);
      await deliverDueMessages({ transport, now: at(tr, 3 * WINDOW) });
    }
    const rows = await rowsSince(t0);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const got = await mails();
    expect([...sink.counts().values()].every((n) => n === 1)).toBe(true);
    // What was sent is what the row holds: a row was never rewritten after its claim.
    const byId = new Map(got.map((m) => [m.messageId, m]));
    expect(got).toHaveLength(rows.length);
    for (const row of rows) expect(byId.get(messageIdFor(row, FROM))?.text?.trim()).toBe(row.textBody.trim());
    // Each round's last email to Marc states the mode the round ended with.
    const marc = rows.filter((r) => r.template === PAYMENT_MODE_TEMPLATES.partner);
    for (const [round, final] of finals.entries()) {
      const lo = at(t0, round * 10 * WINDOW).getTime();
      const mine = marc.filter((r) => r.createdAt.getTime() >= lo && r.createdAt.getTime() < lo + 10 * WINDOW);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(2);
      expect(mine.at(-1)!.subject).toContain(final === "customer" ? "«Kunde zahlt»" : "«Partner zahlt»");
    }
  });
});
