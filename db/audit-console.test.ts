// The auditor's console queries on the demo data, on every engine under test: filters, keyset pages
// that neither skip nor repeat, the timeline with its notifications, and the audited "retry now".
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEventFilters, parseNotificationFilters, parsePartnershipFilters, type SearchParams } from "@/lib/validation/audit-filters";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { settleMessage } from "@/lib/testing/outbox";
import { orgId, partnershipId, userId, withNewAuditEvents } from "@/lib/testing/demo";
import { zurichDate } from "@/lib/audit-period";
import { insertAuditEvent, recordRefusal } from "./audit";
import { allAuditPartnerships, getAuditPartnership, listAuditPartnerships } from "./audit-console";
import { listAuditEventsPage } from "./audit-events-list";
import { listNotificationsPage, requeueFailedMessage } from "./audit-notifications";
import { bucketByWeek } from "@/lib/audit-chart";
import { countActiveByPaymentMode, countPaymentModeChangesByWeek } from "./audit-stats";
import { listPartnershipTimeline } from "./audit-timeline";
import { getDatabase, setDatabase } from "./client";
import { enqueueMessages, listMessages } from "./outbox";
import { changePaymentMode, getCustomerPartnership } from "./partnerships";
import { seedDemoData } from "./seed";

const META = { requestId: "req-console", ip: "203.0.113.5", userAgent: "console-test" };
const DAY = 86_400_000;
const HOUR = 3_600_000;
const LONG_AGO = new Date(Date.now() - 1000 * DAY); // before any demo partnership began

async function failedMessage(partnershipId: string | null): Promise<string> {
  const dedupeKey = `test-failed:${randomUUID()}`;
  await enqueueMessages(getDatabase().db, [{
    dedupeKey, template: "test", toUserId: null, toAddress: "bounce@example.test", subject: "Will fail",
    textBody: "t", htmlBody: "h", partnershipId,
  }]);
  const id = (await listMessages()).find((m) => m.dedupeKey === dedupeKey)!.id;
  await settleMessage(id, { error: "550 mailbox unavailable", retryAt: null });
  return id;
}

/** Every row of every page, walking the `next` cursors. */
async function walk<T extends { id: string }>(list: (cursor: SearchParams) => Promise<{ rows: T[]; next: { at: Date; id: string } | null }>) {
  const seen: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const { rows, next } = await list(after ? { after } : {});
    seen.push(...rows.map((r) => r.id));
    if (!next) return seen;
    after = `${next.at.getTime()}_${next.id}`;
  }
  throw new Error("pagination does not end");
}

describe.each(enginesUnderTest())("auditor's console on %s", (engine) => {
  let t: TestDatabase;
  let helvetiaAlpine: string, helvetiaLakeside: string, claire: string, nora: string, marcMessage: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [helvetiaAlpine, helvetiaLakeside] = [await partnershipId("Helvetia Bakery SA", "Alpine Web Studio"), await partnershipId("Helvetia Bakery SA", "Lakeside IT")];
    [claire, nora] = [await userId("claire@helvetia-bakery.test"), await userId("nora@manager.test")];
    const helvetia = await orgId("Helvetia Bakery SA");
    const p = (await getCustomerPartnership({ id: helvetiaAlpine, customerOrgId: helvetia }))!;
    await changePaymentMode({
      partnership: p, expectedVersion: p.version, paymentMode: "partner", actor: { userId: claire, orgId: helvetia }, meta: META,
      messages: (recipients, next) => recipients.map((r) => ({
        dedupeKey: `t:${next.version}:${r.userId}`, template: "payment-mode-changed", toUserId: r.userId, toAddress: r.email,
        subject: "Payment mode changed", textBody: "t", htmlBody: "h", partnershipId: p.id, auditEventId: next.auditEventId,
      })),
    });
    marcMessage = (await listMessages({ partnershipId: helvetiaAlpine }))[0]!.id;
    await settleMessage(marcMessage, { sent: new Date() });
    await recordRefusal({
      kind: "payment_mode.refused", reason: "limited_access", actorUserId: claire, actorOrgId: helvetia, partnershipId: helvetiaLakeside,
      customerOrgId: helvetia, partnerOrgId: await orgId("Lakeside IT"), after: { paymentMode: "partner", version: 1 }, meta: META, at: LONG_AGO,
    });
  });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });

  const partnerships = async (params: SearchParams, limit?: number) => (await listAuditPartnerships(parsePartnershipFilters(params), { limit })).rows;
  const pairs = (rows: { customerName: string; partnerName: string }[]) => rows.map((r) => `${r.customerName} / ${r.partnerName}`).sort();

  describe("partnerships", () => {
    it("lists every partnership of every organization, newest first, on pages that neither skip nor repeat", async () => {
      const all = await partnerships({});
      expect(all).toHaveLength(11);
      expect(all.map((r) => r.createdAt.getTime())).toEqual([...all.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
      const paged = await walk((c) => listAuditPartnerships(parsePartnershipFilters(c), { limit: 3 }));
      expect(paged).toEqual(all.map((r) => r.id));
      let exported: string[] = [];
      for await (const batch of allAuditPartnerships(parsePartnershipFilters({}), { pageSize: 4 })) exported = [...exported, ...batch.map((r) => r.id)];
      expect(exported).toEqual(all.map((r) => r.id));
    });

    it("filters on the customer, the partner and the status together", async () => {
      const rows = await partnerships({ customer: await orgId("Helvetia Bakery SA") });
      expect(pairs(rows)).toEqual(["Helvetia Bakery SA / Alpine Web Studio", "Helvetia Bakery SA / Lakeside IT", "Helvetia Bakery SA / Léman Digital Sàrl"]);
      const alpineActive = await partnerships({ partner: await orgId("Alpine Web Studio"), status: "active" });
      expect(pairs(alpineActive)).toEqual(["Helvetia Bakery SA / Alpine Web Studio", "Matterhorn Sports AG / Alpine Web Studio", "Ticino Vini SA / Alpine Web Studio"]);
    });

    it("filters on the payment mode a partnership effectively has, and on access", async () => {
      const partnerPays = await partnerships({ mode: "partner" });
      expect(partnerPays.every((r) => r.access === "full" && r.paymentMode === "partner")).toBe(true);
      expect(pairs(partnerPays)).toContain("Helvetia Bakery SA / Alpine Web Studio");
      const customerPays = await partnerships({ mode: "customer" });
      expect(customerPays.length + partnerPays.length).toBe(11);
      expect(pairs(customerPays)).toContain("Helvetia Bakery SA / Lakeside IT");
      expect(pairs(await partnerships({ access: "limited" }))).toEqual(["Basel Pharma Consulting AG / Léman Digital Sàrl", "Helvetia Bakery SA / Lakeside IT", "Ticino Vini SA / Alpine Web Studio"]);
    });

    it("filters on activity in a period: an audit event then counts, not only the start", async () => {
      const day = zurichDate(LONG_AGO);
      expect(pairs(await partnerships({ from: day, to: day }))).toEqual(["Helvetia Bakery SA / Lakeside IT"]);
      const today = zurichDate(new Date());
      expect(pairs(await partnerships({ from: today, customer: await orgId("Helvetia Bakery SA") }))).toEqual(["Helvetia Bakery SA / Alpine Web Studio"]);
    });

    it("reads any partnership by id, and an unknown id as null", async () => {
      expect(await getAuditPartnership({ id: helvetiaAlpine })).toMatchObject({ customerName: "Helvetia Bakery SA", partnerName: "Alpine Web Studio", paymentMode: "partner" });
      expect(await getAuditPartnership({ id: randomUUID() })).toBeNull();
    });
  });

  describe("timeline and events", () => {
    it("shows who did what from where, with the notification it caused and its delivery state", async () => {
      const timeline = await listPartnershipTimeline({ partnershipId: helvetiaAlpine, cursor: null, limit: 1000 });
      expect(timeline.next).toBeNull();
      // The seed's billing history (order events) shares the timeline; the change is the one payment-mode event.
      const events = timeline.events.filter((e) => e.kind.startsWith("payment_mode."));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        kind: "payment_mode.changed", actorName: "Claire Dubois", actorOrgName: "Helvetia Bakery SA", ip: META.ip, userAgent: META.userAgent,
        requestId: META.requestId, before: { paymentMode: "customer" }, after: { paymentMode: "partner" },
      });
      expect(events[0]!.notifications).toMatchObject([{ id: marcMessage, toAddress: "marc@alpine-web.test", status: "sent", attempts: 1, lastError: null }]);
      expect(events[0]!.notifications[0]!.sentAt).toBeInstanceOf(Date);
    });

    it("pages a long timeline in order", async () => {
      const id = await partnershipId("Bern Architects GmbH", "Lakeside IT");
      for (let i = 0; i < 5; i++) {
        await recordRefusal({ kind: "access.refused", reason: `r${i}`, actorUserId: claire, actorOrgId: null, partnershipId: id, meta: META, at: new Date(Date.UTC(2025, 0, 1)) });
      }
      const reasons: (string | null)[] = [];
      let cursor = null;
      do {
        const page = await listPartnershipTimeline({ partnershipId: id, cursor, limit: 2 });
        reasons.push(...page.events.map((e) => e.reason));
        cursor = page.next;
      } while (cursor);
      expect(reasons.filter((r) => r?.match(/^r\d$/))).toEqual(["r0", "r1", "r2", "r3", "r4"]);
    });

    it("filters events by organization (either side), actor, kind, outcome and period", async () => {
      // Only partnership events: the seed's billing history adds order events to the same organizations.
      const events = async (p: SearchParams) =>
        (await listAuditEventsPage(parseEventFilters(p), { limit: 1000 })).rows.filter((e) => /^(payment_mode|partnership|access)\./.test(e.kind));
      const helvetiaEvents = await events({ org: await orgId("Helvetia Bakery SA") });
      expect(helvetiaEvents.map((e) => e.kind).sort()).toEqual(["payment_mode.changed", "payment_mode.refused"]);
      expect((await events({ org: await orgId("Alpine Web Studio") })).map((e) => e.kind)).toEqual(["payment_mode.changed"]);
      expect((await events({ partner: await orgId("Lakeside IT"), outcome: "refused" })).map((e) => e.reason)).toEqual(["limited_access"]);
      expect((await events({ actor: nora })).length).toBe(0);
      expect((await events({ kind: "payment_mode.changed", actor: claire }))[0]).toMatchObject({ customerName: "Helvetia Bakery SA", partnerName: "Alpine Web Studio", actorName: "Claire Dubois" });
      const day = zurichDate(LONG_AGO);
      expect((await events({ from: day, to: day })).map((e) => e.reason)).toEqual(["limited_access"]);
      const all = (await listAuditEventsPage(parseEventFilters({}), { limit: 1000 })).rows.map((e) => e.id);
      expect(await walk((c) => listAuditEventsPage(parseEventFilters(c), { limit: 2 }))).toEqual(all);
    });
  });

  describe("notifications", () => {
    it("filters by delivery state, newest first", async () => {
      const failed = await failedMessage(helvetiaLakeside);
      const list = async (p: SearchParams) => (await listNotificationsPage(parseNotificationFilters(p))).rows;
      expect((await list({ state: "failed" })).map((n) => n.id)).toContain(failed);
      expect((await list({ state: "failed" })).every((n) => n.status === "failed")).toBe(true);
      expect((await list({ state: "sent" })).map((n) => n.id)).toEqual([marcMessage]);
      expect((await list({})).find((n) => n.id === failed)).toMatchObject({ customerName: "Helvetia Bakery SA", partnerName: "Lakeside IT", lastError: "550 mailbox unavailable" });
      const all = (await listNotificationsPage(parseNotificationFilters({}), { limit: 1000 })).rows.map((n) => n.id);
      expect(await walk((c) => listNotificationsPage(parseNotificationFilters(c), { limit: 1 }))).toEqual(all);
    });

    it("requeues a failed message once, audited in the same transaction; anything else is refused", async () => {
      const id = await failedMessage(helvetiaLakeside);
      const now = new Date();
      const { result, events } = await withNewAuditEvents(() => requeueFailedMessage({ messageId: id, actorUserId: nora, meta: META, now }));
      expect(result).toEqual({ kind: "requeued", toAddress: "bounce@example.test" });
      expect((await listMessages()).find((m) => m.id === id)).toMatchObject({ status: "pending", nextAttemptAt: now, attempts: 1, lockedUntil: null });
      expect(events).toMatchObject([{
        kind: "notification.retried", outcome: "ok", actorUserId: nora, actorOrgId: null, partnershipId: helvetiaLakeside,
        customerOrgId: await orgId("Helvetia Bakery SA"), before: { notificationId: id, status: "failed" }, after: { notificationId: id, status: "pending" },
      }]);
      expect(await requeueFailedMessage({ messageId: id, actorUserId: nora, meta: META })).toMatchObject({ kind: "not_failed", status: "pending" });
      expect(await requeueFailedMessage({ messageId: marcMessage, actorUserId: nora, meta: META })).toMatchObject({ kind: "not_failed", status: "sent" });
      expect(await requeueFailedMessage({ messageId: randomUUID(), actorUserId: nora, meta: META })).toEqual({ kind: "not_found" });
    });

    it("lets one of two simultaneous retries win", async () => {
      const id = await failedMessage(null);
      const { result, events } = await withNewAuditEvents(() => Promise.all([1, 2].map(() => requeueFailedMessage({ messageId: id, actorUserId: nora, meta: META }))));
      expect(result.map((r) => r.kind).sort()).toEqual(["not_failed", "requeued"]);
      expect(events.filter((e) => e.kind === "notification.retried")).toHaveLength(1);
    });
  });

  describe("chart figures", () => {
    it("counts active partnerships by the mode they effectively have, and the recent changes", async () => {
      expect(await countActiveByPaymentMode()).toEqual({ customer: 4, partner: 4 });
      // Week starts fall on whole hours (Zurich's midnights do); the count reads hourly rows.
      const hour = Math.floor(Date.now() / HOUR) * HOUR;
      const recent = await countPaymentModeChangesByWeek([new Date(hour - DAY)]);
      expect(recent.map((b) => [b.toPartner, b.toCustomer])).toEqual([[1, 0]]);
      expect((await countPaymentModeChangesByWeek([new Date(hour + DAY)])).map((b) => [b.toPartner, b.toCustomer])).toEqual([[0, 0]]);
      expect(await countPaymentModeChangesByWeek([])).toEqual([]);
    });

    it("counts changes per week in SQL as bucketByWeek does from the rows, a change on a boundary in its own week", async () => {
      const t0 = Math.floor(Date.now() / HOUR) * HOUR - 30 * DAY;
      const weeks = [0, 7, 14].map((d) => new Date(t0 + d * DAY));
      const events: [number, "ok" | "refused", Record<string, unknown> | null][] = [
        [t0, "ok", { paymentMode: "partner" }], // on the first boundary: the first week
        [t0 - 1, "ok", { paymentMode: "partner" }], // before the first week: not shown
        [t0 + DAY, "ok", { paymentMode: "customer" }],
        [t0 + 7 * DAY, "ok", { paymentMode: "partner" }], // on the second boundary: the second week
        [t0 + 7 * DAY - 1, "ok", { paymentMode: "partner" }], // just before it: the first week
        [t0 + 15 * DAY, "ok", { paymentMode: "customer" }],
        [t0 + DAY, "refused", { paymentMode: "partner" }], // refused: not counted
        [t0 + DAY, "ok", { paymentMode: "both" }], // unreadable mode: not counted
        [t0 + DAY, "ok", null],
      ];
      await getDatabase().transaction(async (tx) => {
        for (const [at, outcome, after] of events) {
          await insertAuditEvent(tx, { kind: "payment_mode.changed", outcome, actorUserId: nora, actorOrgId: null, after, meta: META, at: new Date(at) });
        }
      });
      const { db, schema } = getDatabase();
      const a = schema.auditEvents;
      const rows = await db.select({ at: a.createdAt, after: a.after, kind: a.kind, outcome: a.outcome }).from(a);
      const changes = rows.filter((r) => r.kind === "payment_mode.changed" && r.outcome === "ok")
        .map((r) => ({ at: r.at, to: r.after?.paymentMode === "partner" ? "partner" as const : r.after?.paymentMode === "customer" ? "customer" as const : null }));
      const expected = bucketByWeek(weeks, changes);
      // The demo's own change (within the last day) is in the last week.
      expect(expected.map((b) => [b.toPartner, b.toCustomer])).toEqual([[2, 1], [1, 0], [1, 1]]);
      expect(await countPaymentModeChangesByWeek(weeks)).toEqual(expected);
      // Starting one week later leaves the first week's changes out.
      expect(await countPaymentModeChangesByWeek(weeks.slice(1))).toEqual(bucketByWeek(weeks.slice(1), changes));
    });
  });
});
