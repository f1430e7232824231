// The data layer's contract, on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaymentMode } from "@/lib/domain";
import {
  countAuditEvents, countOutbox, orgId, partnershipId, readPartnership, snapshot, userId,
} from "@/lib/testing/demo";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { listAuditEvents, listPaymentModeHistory } from "./audit";
import { getDatabase } from "./client";
import { enqueueMessages, listMessages, type NewMessage } from "./outbox";
import {
  changePaymentMode, getCustomerPartnership, listCustomerPartnerships, listManagedProducts, listPartnerClients,
  type PartnershipDetail,
} from "./partnerships";
import { listOrgProducts } from "./products";
import { seedDemoData } from "./seed";
import type { Recipient } from "./users";

const META = { requestId: "req-contract-1", ip: "203.0.113.7", userAgent: "contract-test/1.0" };

function messagesFor(p: PartnershipDetail, tag = "contract") {
  return (recipients: Recipient[], next: { version: number; auditEventId: string }): NewMessage[] =>
    recipients.map((r) => ({
      dedupeKey: `${tag}:${p.id}:v${next.version}:${r.userId}`, template: "payment-mode-changed",
      toUserId: r.userId, toAddress: r.email, subject: "Payment mode changed", textBody: "text", htmlBody: "<p>html</p>",
      partnershipId: p.id, auditEventId: next.auditEventId,
    }));
}

describe.each(enginesUnderTest())("data layer contract on %s", (engine) => {
  let t: TestDatabase;
  let helvetia: string, alpine: string, lakeside: string, matterhorn: string, claire: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    helvetia = await orgId("Helvetia Bakery SA");
    alpine = await orgId("Alpine Web Studio");
    lakeside = await orgId("Lakeside IT");
    matterhorn = await orgId("Matterhorn Sports AG");
    claire = await userId("claire@helvetia-bakery.test");
  });
  afterAll(async () => { await t.dispose(); });

  async function detail(customer: string, partner: string): Promise<PartnershipDetail> {
    const id = await partnershipId(customer, partner);
    const p = await getCustomerPartnership({ id, customerOrgId: await orgId(customer) });
    if (!p) throw new Error("partnership not found");
    return p;
  }

  function change(p: PartnershipDetail, paymentMode: PaymentMode, expectedVersion = p.version, messages = messagesFor(p)) {
    return changePaymentMode({
      partnership: p, expectedVersion, paymentMode, actor: { userId: claire, orgId: p.customerOrgId }, meta: META, messages,
    });
  }

  describe("tenant scoping", () => {
    it("reads another organization's partnership as null, and its own as the row", async () => {
      const foreign = await partnershipId("Matterhorn Sports AG", "Alpine Web Studio");
      expect(await getCustomerPartnership({ id: foreign, customerOrgId: helvetia })).toBeNull();
      expect(await getCustomerPartnership({ id: randomUUID(), customerOrgId: helvetia })).toBeNull();
      const own = await getCustomerPartnership({ id: foreign, customerOrgId: matterhorn });
      expect(own).toMatchObject({ id: foreign, customerOrgId: matterhorn, partnerOrgId: alpine, partnerName: "Alpine Web Studio" });
    });

    it("lists only the customer's own partnerships", async () => {
      const rows = await listCustomerPartnerships({ customerOrgId: helvetia });
      expect(rows.every((r) => r.customerOrgId === helvetia)).toBe(true);
      expect(rows.map((r) => r.partnerName).sort()).toEqual(["Alpine Web Studio", "Lakeside IT", "Léman Digital Sàrl"]);
    });

    it("lists only the partner's own live clients", async () => {
      const rows = await listPartnerClients({ partnerOrgId: alpine });
      expect(rows.every((r) => r.partnerOrgId === alpine && ["pending", "active"].includes(r.status))).toBe(true);
      expect(rows.map((r) => r.customerName)).toEqual(
        ["Helvetia Bakery SA", "Matterhorn Sports AG", "Ticino Vini SA", "Zürich Legal Partners"],
      );
      const lakesideClients = await listPartnerClients({ partnerOrgId: lakeside });
      expect(lakesideClients.map((r) => r.customerName)).toEqual(["Basel Pharma Consulting AG", "Bern Architects GmbH", "Helvetia Bakery SA"]);
    });

    it("lists the products a limited partner manages, all of them the customer's", async () => {
      const p = await detail("Helvetia Bakery SA", "Lakeside IT");
      const managed = await listManagedProducts({ partnershipId: p.id });
      const own = new Set((await listOrgProducts({ orgId: helvetia })).map((x) => x.id));
      expect(managed.length).toBe(2);
      expect(managed.every((m) => own.has(m.id))).toBe(true);
    });
  });

  describe("changePaymentMode", () => {
    it("writes the mode, the next version, one audit event and one message per partner legal representative", async () => {
      const p = await detail("Helvetia Bakery SA", "Alpine Web Studio");
      const before = await snapshot();
      const outcome = await change(p, "partner");
      expect(outcome).toEqual({ kind: "changed", version: p.version + 1, paymentMode: "partner" });

      const row = await readPartnership(p.id);
      expect(row).toMatchObject({ paymentMode: "partner", version: p.version + 1 });

      const events = (await listAuditEvents({ partnershipId: p.id })).filter((e) => e.outcome === "ok" && e.kind === "payment_mode.changed");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        kind: "payment_mode.changed", actorUserId: claire, actorOrgId: helvetia, customerOrgId: helvetia, partnerOrgId: alpine,
        before: { paymentMode: "customer", version: p.version }, after: { paymentMode: "partner", version: p.version + 1 },
        requestId: META.requestId, ip: META.ip, userAgent: META.userAgent,
      });

      const messages = await listMessages({ partnershipId: p.id });
      expect(messages.map((m) => m.toAddress)).toEqual(["marc@alpine-web.test"]);
      expect(messages[0]).toMatchObject({ status: "pending", attempts: 0, auditEventId: events[0]!.id });
      expect((await snapshot()).outbox).toBe(before.outbox + 1);

      const history = await listPaymentModeHistory({ partnershipId: p.id });
      expect(history).toMatchObject([{ actorName: "Claire Dubois", from: "customer", to: "partner" }]);
    });

    it("refuses a stale version and writes nothing", async () => {
      const p = await detail("Helvetia Bakery SA", "Alpine Web Studio");
      const before = await snapshot();
      expect(await change(p, p.paymentMode === "customer" ? "partner" : "customer", p.version - 1)).toEqual({ kind: "conflict" });
      expect(await snapshot()).toEqual(before);
    });

    it("refuses a partnership that is not active with full access, whatever the version", async () => {
      const limited = await detail("Helvetia Bakery SA", "Lakeside IT");
      const before = await snapshot();
      expect(await change(limited, "partner")).toEqual({ kind: "conflict" });
      expect(await snapshot()).toEqual(before);
    });

    it("rolls everything back when building the messages throws", async () => {
      const p = await detail("Helvetia Bakery SA", "Alpine Web Studio");
      const before = await snapshot();
      await expect(change(p, p.paymentMode === "customer" ? "partner" : "customer", p.version, () => {
        throw new Error("template exploded");
      })).rejects.toThrow("template exploded");
      expect(await snapshot()).toEqual(before);
    });

    it("rolls everything back when a queued message violates a constraint", async () => {
      const p = await detail("Helvetia Bakery SA", "Alpine Web Studio");
      const before = await snapshot();
      const broken = (r: Recipient[], next: { version: number; auditEventId: string }) =>
        messagesFor(p, "broken")(r, next).map((m) => ({ ...m, toAddress: null as unknown as string }));
      await expect(change(p, p.paymentMode === "customer" ? "partner" : "customer", p.version, broken)).rejects.toThrow();
      expect(await snapshot()).toEqual(before);
      expect(await readPartnership(p.id)).toMatchObject({ paymentMode: p.paymentMode, version: p.version });
    });

    it("lets exactly one of five concurrent saves on the same version win", async () => {
      const p = await detail("Bern Architects GmbH", "Lakeside IT");
      const changesBefore = await countAuditEvents({ kind: "payment_mode.changed" });
      const outboxBefore = await countOutbox();
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => change(p, "customer")));
      expect(outcomes.filter((o) => o.kind === "changed")).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === "conflict")).toHaveLength(4);
      expect(await readPartnership(p.id)).toMatchObject({ paymentMode: "customer", version: p.version + 1 });
      expect(await countAuditEvents({ kind: "payment_mode.changed" })).toBe(changesBefore + 1);
      expect(await countOutbox()).toBe(outboxBefore + 1);
    });
  });

  describe("outbox", () => {
    it("queues a dedupe key once, keeping the first message", async () => {
      const { db } = getDatabase();
      const key = `dedupe:${randomUUID()}`;
      const msg = (subject: string): NewMessage => ({
        dedupeKey: key, template: "test", toUserId: null, toAddress: "x@example.test", subject, textBody: "t", htmlBody: "h",
      });
      await enqueueMessages(db, [msg("first")]);
      await enqueueMessages(db, [msg("second")]);
      await getDatabase().transaction((tx) => enqueueMessages(tx, [msg("third")]));
      const rows = (await listMessages()).filter((m) => m.dedupeKey === key);
      expect(rows.map((m) => m.subject)).toEqual(["first"]);
    });
  });

  describe("at most one live partnership per pair", () => {
    function insertPartnership(customerOrgId: string, partnerOrgId: string, status: "pending" | "active" | "ended") {
      const { db, schema } = getDatabase();
      const now = new Date();
      return db.insert(schema.partnerships).values({
        id: randomUUID(), customerOrgId, partnerOrgId, status, access: "full", paymentMode: "customer", version: 1,
        createdAt: now, updatedAt: now, activatedAt: status === "pending" ? null : now, endedAt: status === "ended" ? now : null,
      });
    }

    it("rejects a second pending or active partnership for a live pair", async () => {
      await expect(insertPartnership(helvetia, alpine, "pending")).rejects.toThrow();
      await expect(insertPartnership(helvetia, alpine, "active")).rejects.toThrow();
      expect((await listCustomerPartnerships({ customerOrgId: helvetia })).filter((r) => r.partnerOrgId === alpine)).toHaveLength(1);
    });

    it("allows a new pending partnership next to ended ones, then no other live one", async () => {
      const jura = await orgId("Jura Hosting Partners");
      await insertPartnership(helvetia, jura, "ended");
      await insertPartnership(helvetia, jura, "ended");
      await insertPartnership(helvetia, jura, "pending");
      await expect(insertPartnership(helvetia, jura, "active")).rejects.toThrow();
      const { db, schema } = getDatabase();
      const rows = await db.select().from(schema.partnerships).where(eq(schema.partnerships.partnerOrgId, jura));
      expect(rows.map((r) => r.status).sort()).toEqual(["ended", "ended", "pending"]);
    });
  });
});
