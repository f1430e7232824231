// The lifecycle's data layer, on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashInvitationToken, newInvitationToken } from "@/lib/invitation-token";
import { INVITATION_TTL_MS } from "@/lib/lifecycle";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, readPartnership, userId } from "@/lib/testing/demo";
import { world } from "@/lib/testing/lifecycle";
import { listAuditEvents } from "./audit";
import { getDatabase } from "./client";
import { findInvitationByToken, latestInvitations, listPendingInvitations, searchPartnerOrganizations } from "./invitation-reads";
import { answerInvitation, createInvitation, deleteInvitation, isLivePairViolation, resendInvitation } from "./invitations";
import {
  changeAccess, decodeClientCursor, encodeClientCursor, endPartnership, listActiveClients, type MessageBuilder,
} from "./lifecycle";
import { listMessages } from "./outbox";
import { listManagedProducts } from "./partnerships";
import { listOrgProducts } from "./products";
import { seedDemoData } from "./seed";

const META = { requestId: "req-lifecycle-1", ip: "203.0.113.9", userAgent: "lifecycle-test/1.0" };
const mail = (tag: string, partnershipId: string): MessageBuilder => (recipients, next) => recipients.map((r) => ({
  dedupeKey: `${tag}:${partnershipId}:v${next.version}:${r.userId}`, template: tag, toUserId: r.userId, toAddress: r.email,
  subject: tag, textBody: "t", htmlBody: "<p>h</p>", partnershipId, auditEventId: next.auditEventId,
}));

describe.each(enginesUnderTest())("lifecycle data layer on %s", (engine) => {
  let t: TestDatabase;
  let helvetia: string, jura: string, lakeside: string, ticino: string, claire: string, ines: string;
  const future = () => new Date(Date.now() + INVITATION_TTL_MS);

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [helvetia, jura, lakeside, ticino] = await Promise.all(
      ["Helvetia Bakery SA", "Jura Hosting Partners", "Lakeside IT", "Ticino Vini SA"].map(orgId),
    ) as [string, string, string, string];
    [claire, ines] = await Promise.all(["claire@helvetia-bakery.test", "ines@jura-hosting.test"].map(userId)) as [string, string];
  });
  afterAll(async () => { await t.dispose(); });

  function invite(over: Partial<Parameters<typeof createInvitation>[0]> = {}) {
    return createInvitation({
      customerOrgId: helvetia, partnerOrgId: jura, access: "full", paymentMode: "partner", productIds: [],
      tokenHash: hashInvitationToken(newInvitationToken()), expiresAt: future(), actor: { userId: claire, orgId: helvetia }, meta: META,
      messages: (id) => mail("invitation", id), ...over,
    });
  }

  describe("searchPartnerOrganizations", () => {
    it.each([
      ["jura", ["Jura Hosting Partners"]],
      ["  HOSTING ", ["Jura Hosting Partners"]],
      ["ines@jura-hosting.test", ["Jura Hosting Partners"]],
      ["INES@JURA-HOSTING.TEST", ["Jura Hosting Partners"]],
      ["ines@jura", []],
      ["Matterhorn", []],
      ["%", []],
      ["_", []],
      ["", []],
    ])("%j → %j (enrolled partners only; emails in full)", async (query, names) => {
      expect((await searchPartnerOrganizations({ customerOrgId: helvetia, query })).map((r) => r.name)).toEqual(names);
    });

    it("names the live partnership a partner already has with this customer", async () => {
      const [alpine] = await searchPartnerOrganizations({ customerOrgId: helvetia, query: "alpine" });
      expect(alpine).toMatchObject({ name: "Alpine Web Studio", liveStatus: "active", livePartnershipId: await partnershipId("Helvetia Bakery SA", "Alpine Web Studio") });
      const [leman] = await searchPartnerOrganizations({ customerOrgId: helvetia, query: "léman" });
      expect(leman).toMatchObject({ livePartnershipId: null }); // the old one ended
    });
  });

  describe("invitation → answer", () => {
    let invitedId: string;
    let firstToken: string;

    it("creates a pending partnership, its hashed link, one audit event and one email per partner legal representative", async () => {
      firstToken = newInvitationToken();
      const expiresAt = future();
      const outcome = await invite({ tokenHash: hashInvitationToken(firstToken), expiresAt });
      expect(outcome.kind).toBe("invited");
      invitedId = (outcome as { partnershipId: string }).partnershipId;
      expect(await readPartnership(invitedId)).toMatchObject({ status: "pending", access: "full", paymentMode: "partner", version: 1, customerOrgId: helvetia, partnerOrgId: jura });
      const hit = await findInvitationByToken({ tokenHash: hashInvitationToken(firstToken) });
      expect(hit).toMatchObject({ id: invitedId, customerName: "Helvetia Bakery SA", partnerName: "Jura Hosting Partners", usedAt: null, revokedAt: null });
      expect(hit?.expiresAt.getTime()).toBe(expiresAt.getTime());
      const { db, schema } = getDatabase();
      const stored = await db.select().from(schema.invitations).where(eq(schema.invitations.partnershipId, invitedId));
      expect(stored.map((s) => s.tokenHash)).toEqual([hashInvitationToken(firstToken)]);
      const events = await listAuditEvents({ partnershipId: invitedId });
      expect(events).toMatchObject([{ kind: "partnership.invited", outcome: "ok", actorUserId: claire, customerOrgId: helvetia, partnerOrgId: jura, requestId: META.requestId }]);
      expect(JSON.stringify(events)).not.toContain(firstToken);
      expect((await listMessages({ partnershipId: invitedId })).map((m) => m.toAddress)).toEqual(["ines@jura-hosting.test"]);
      expect((await listPendingInvitations({ partnerOrgId: jura })).rows).toMatchObject([{ id: invitedId, customerName: "Helvetia Bakery SA" }]);
    });

    it("refuses a second live partnership for the pair, through the unique index, writing nothing", async () => {
      const before = await world();
      expect(await invite()).toEqual({ kind: "live_pair" });
      expect(await world()).toEqual(before);
    });

    it("refuses products of another organization, writing nothing", async () => {
      const foreign = (await listOrgProducts({ orgId: ticino }))[0]!.id;
      const before = await world();
      expect(await invite({ partnerOrgId: lakeside, customerOrgId: helvetia, access: "limited", paymentMode: "customer", productIds: [foreign] }))
        .toEqual({ kind: "bad_products" });
      expect(await invite({ partnerOrgId: jura, customerOrgId: ticino, access: "limited", paymentMode: "customer", productIds: [randomUUID()] }))
        .toEqual({ kind: "bad_products" });
      expect(await world()).toEqual(before);
    });

    it("resend revokes the old link, adds a new one and bumps the version; a stale resend writes nothing", async () => {
      const p = await readPartnership(invitedId);
      const token = newInvitationToken();
      const out = await resendInvitation({
        partnership: p, expectedVersion: p.version, tokenHash: hashInvitationToken(token), expiresAt: future(),
        actor: { userId: claire, orgId: helvetia }, meta: META, messages: mail("resend", invitedId),
      });
      expect(out).toEqual({ kind: "done", version: p.version + 1 });
      expect((await findInvitationByToken({ tokenHash: hashInvitationToken(firstToken) }))?.revokedAt).toBeInstanceOf(Date);
      expect((await findInvitationByToken({ tokenHash: hashInvitationToken(token) }))?.revokedAt).toBeNull();
      const before = await world();
      expect(await resendInvitation({
        partnership: p, expectedVersion: p.version, tokenHash: hashInvitationToken(newInvitationToken()), expiresAt: future(),
        actor: { userId: claire, orgId: helvetia }, meta: META, messages: mail("resend", invitedId),
      })).toEqual({ kind: "conflict" });
      expect(await world()).toEqual(before);
      firstToken = token;
    });

    it("an answer through a revoked or expired link changes nothing", async () => {
      const p = await readPartnership(invitedId);
      const answer = (tokenHash: string) => answerInvitation({
        partnership: p, expectedVersion: p.version, answer: "accept", tokenHash, actor: { userId: ines, orgId: jura }, meta: META, messages: mail("answer", p.id),
      });
      const { db, schema } = getDatabase();
      const revoked = (await db.select().from(schema.invitations).where(eq(schema.invitations.partnershipId, p.id))).find((i) => i.revokedAt)!;
      const before = await world();
      expect(await answer(revoked.tokenHash)).toEqual({ kind: "link", state: "revoked" });
      expect(await answer(hashInvitationToken(newInvitationToken()))).toEqual({ kind: "link", state: "unknown" });
      const live = hashInvitationToken(firstToken);
      const [{ expiresAt }] = await db.select({ expiresAt: schema.invitations.expiresAt }).from(schema.invitations).where(eq(schema.invitations.tokenHash, live)) as [{ expiresAt: Date }];
      await db.update(schema.invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.invitations.tokenHash, live));
      const expiredWorld = await world();
      expect(await answer(live)).toEqual({ kind: "link", state: "expired" });
      expect(await answer(undefined as unknown as string)).toEqual({ kind: "link", state: "expired" }); // latest link, from Clients
      expect(await world()).toEqual(expiredWorld);
      await db.update(schema.invitations).set({ expiresAt }).where(eq(schema.invitations.tokenHash, live));
      expect((await world()).partnerships).toEqual(before.partnerships);
    });

    it("accepting uses the link once, activates the partnership and emails the customer's legal representatives", async () => {
      const p = await readPartnership(invitedId);
      const accept = () => answerInvitation({
        partnership: p, expectedVersion: p.version, answer: "accept", tokenHash: hashInvitationToken(firstToken),
        actor: { userId: ines, orgId: jura }, meta: META, messages: mail("answer", p.id),
      });
      expect(await accept()).toEqual({ kind: "answered", status: "active", version: p.version + 1 });
      const row = await readPartnership(p.id);
      expect(row).toMatchObject({ status: "active", version: p.version + 1 });
      expect(row.activatedAt).toBeInstanceOf(Date);
      expect((await findInvitationByToken({ tokenHash: hashInvitationToken(firstToken) }))?.usedAt).toBeInstanceOf(Date);
      expect((await listMessages({ partnershipId: p.id })).filter((m) => m.template === "answer").map((m) => m.toAddress)).toEqual(["claire@helvetia-bakery.test"]);
      const before = await world();
      expect(await accept()).toEqual({ kind: "link", state: "used" });
      expect(await world()).toEqual(before);
    });

    it("ending from the partner side notifies the customer and frees the pair for a new invitation", async () => {
      const p = await readPartnership(invitedId);
      const end = () => endPartnership({ partnership: p, side: "partner", expectedVersion: p.version, actor: { userId: ines, orgId: jura }, meta: META, messages: mail("end", p.id) });
      expect(await end()).toEqual({ kind: "ended", version: p.version + 1 });
      expect(await readPartnership(p.id)).toMatchObject({ status: "ended", version: p.version + 1 });
      expect((await readPartnership(p.id)).endedAt).toBeInstanceOf(Date);
      expect((await listAuditEvents({ partnershipId: p.id })).at(-1)).toMatchObject({ kind: "partnership.ended", actorUserId: ines, after: { status: "ended", endedBy: "partner" } });
      expect((await listMessages({ partnershipId: p.id })).filter((m) => m.template === "end").map((m) => m.toAddress)).toEqual(["claire@helvetia-bakery.test"]);
      const before = await world();
      expect(await end()).toEqual({ kind: "conflict" });
      expect(await world()).toEqual(before);
      expect((await invite()).kind).toBe("invited");
    });

    it("deleting a pending invitation closes it and revokes its link", async () => {
      const id = await partnershipId("Helvetia Bakery SA", "Jura Hosting Partners");
      const p = await readPartnership(id);
      const out = await deleteInvitation({ partnership: p, expectedVersion: p.version, actor: { userId: claire, orgId: helvetia }, meta: META, messages: mail("withdrawn", id) });
      expect(out).toEqual({ kind: "done", version: p.version + 1 });
      expect(await readPartnership(id)).toMatchObject({ status: "deleted" });
      expect([...(await latestInvitations({ partnershipIds: [id] })).values()][0]?.revokedAt).toBeInstanceOf(Date);
      expect((await listMessages({ partnershipId: id })).filter((m) => m.template === "withdrawn").map((m) => m.toAddress)).toEqual(["ines@jura-hosting.test"]);
    });

    it("lets exactly one of several concurrent invitations for the same pair through", async () => {
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => invite()));
      expect(outcomes.filter((o) => o.kind === "invited")).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === "live_pair")).toHaveLength(3);
    });

    it("rolls the whole invitation back when a message cannot be built", async () => {
      const before = await world();
      await expect(invite({ partnerOrgId: lakeside, customerOrgId: ticino, messages: () => () => { throw new Error("template exploded"); } }))
        .rejects.toThrow("template exploded");
      expect(await world()).toEqual(before);
    });
  });

  describe("changeAccess", () => {
    it("limited → full drops the products; full → limited stores them and resets the mode; stale writes nothing", async () => {
      const id = await partnershipId("Helvetia Bakery SA", "Lakeside IT");
      const p = await readPartnership(id);
      const managed = (await listManagedProducts({ partnershipId: id })).map((x) => x.id);
      const actor = { userId: claire, orgId: helvetia };
      const toFull = await changeAccess({
        partnership: { ...p, productIds: managed }, expectedVersion: p.version, plan: { access: "full", paymentMode: "customer", productIds: [] },
        actor, meta: META, messages: mail("access", id),
      });
      expect(toFull).toMatchObject({ kind: "changed", access: "full", version: p.version + 1 });
      expect(await listManagedProducts({ partnershipId: id })).toEqual([]);
      const { db, schema } = getDatabase();
      await db.update(schema.partnerships).set({ paymentMode: "partner" }).where(eq(schema.partnerships.id, id));
      const back = await changeAccess({
        partnership: { ...p, access: "full", paymentMode: "partner", productIds: [] }, expectedVersion: p.version + 1,
        plan: { access: "limited", paymentMode: "customer", productIds: managed }, actor, meta: META, messages: mail("access", id),
      });
      expect(back).toMatchObject({ kind: "changed", access: "limited", paymentMode: "customer" });
      expect(await readPartnership(id)).toMatchObject({ access: "limited", paymentMode: "customer", version: p.version + 2 });
      expect((await listManagedProducts({ partnershipId: id })).map((x) => x.id).sort()).toEqual([...managed].sort());
      const last = (await listAuditEvents({ partnershipId: id })).at(-1);
      expect(last).toMatchObject({ kind: "access.changed", before: { access: "full", paymentMode: "partner" }, after: { access: "limited", paymentMode: "customer" } });
      expect((await listMessages({ partnershipId: id })).filter((m) => m.template === "access").map((m) => m.toAddress)).toEqual(["sofia@lakeside-it.test", "sofia@lakeside-it.test"]);

      const before = await world();
      const foreign = (await listOrgProducts({ orgId: ticino }))[0]!.id;
      const again = (version: number, productIds: string[]) => changeAccess({
        partnership: { ...p, productIds: managed }, expectedVersion: version, plan: { access: "limited", paymentMode: "customer", productIds },
        actor, meta: META, messages: mail("access", id),
      });
      expect(await again(p.version, managed)).toEqual({ kind: "conflict" });
      expect(await again(p.version + 2, [foreign])).toEqual({ kind: "bad_products" });
      expect(await world()).toEqual(before);
    });

    it("never changes a partnership that is not active", async () => {
      const id = await partnershipId("Helvetia Bakery SA", "Léman Digital Sàrl");
      const p = await readPartnership(id);
      const before = await world();
      expect(await changeAccess({
        partnership: { ...p, productIds: [] }, expectedVersion: p.version, plan: { access: "full", paymentMode: "customer", productIds: [] },
        actor: { userId: claire, orgId: helvetia }, meta: META, messages: mail("access", id),
      })).toEqual({ kind: "conflict" });
      expect(await world()).toEqual(before);
    });
  });

  describe("clients list", () => {
    it("pages through a partner's active clients by keyset, newest first, without gaps or repeats", async () => {
      const all = await listActiveClients({ partnerOrgId: lakeside, limit: 100 });
      expect(all.next).toBeNull();
      expect(all.rows.every((r) => r.status === "active" && r.partnerOrgId === lakeside)).toBe(true);
      const seen: string[] = [];
      let after = null;
      do {
        const page: Awaited<ReturnType<typeof listActiveClients>> = await listActiveClients({ partnerOrgId: lakeside, after, limit: 1 });
        seen.push(...page.rows.map((r) => r.id));
        after = page.next && decodeClientCursor(encodeClientCursor(page.next));
      } while (after);
      expect(seen).toEqual(all.rows.map((r) => r.id));
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(all.rows.map((r) => r.createdAt.getTime())).toEqual([...all.rows.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
    });

    it.each([undefined, 42, "", "not-base64!", Buffer.from("x.y").toString("base64url"), "a".repeat(300)])("reads cursor %j as the first page", (raw) => {
      expect(decodeClientCursor(raw)).toBeNull();
    });
  });

  it("recognises the live-pair violation of both drivers, and nothing else", () => {
    expect(isLivePairViolation({ cause: { code: "23505", constraint: "partnerships_live_pair_uq" } })).toBe(true);
    expect(isLivePairViolation(new Error("x", { cause: new Error("UNIQUE constraint failed: partnerships.customer_org_id, partnerships.partner_org_id") }))).toBe(true);
    expect(isLivePairViolation({ code: "23505", constraint: "outbox_dedupe_uq" })).toBe(false);
    expect(isLivePairViolation(new Error("UNIQUE constraint failed: outbox.dedupe_key"))).toBe(false);
    expect(isLivePairViolation(null)).toBe(false);
  });
});
