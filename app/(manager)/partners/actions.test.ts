// The payment-mode action's authorization matrix (PRODUCT.md rule 2), on every database engine under
// test. Only the request (who is signed in, the chosen-org cookie) is stubbed; memberships are read
// from the database, the input goes through zod, and the writes are real.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { listMessages } from "@/db/outbox";
import { seedDemoData } from "@/db/seed";
import { SESSION_EXPIRED } from "@/lib/action";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, readPartnership, snapshot, userId, withNewAuditEvents } from "@/lib/testing/demo";
import { actAs } from "@/lib/testing/request-stub";
import { changePaymentMode } from "./actions";
import { DENIALS, NOT_FOUND } from "@/lib/testing/english-messages";
import { partnerErrors } from "./messages";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("@/lib/auth", () => { throw new Error("next-auth must not load: the session comes from the request stub"); });
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: vi.fn() }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

const HELVETIA = "Helvetia Bakery SA", ALPINE = "Alpine Web Studio", LAKESIDE = "Lakeside IT";
// Each refusal is answered in the language of the person refused (db/seed.ts: Helvetia in French, Alpine and
// Anna in German, Sofia and Paolo in Italian, Ines and Nora in English).
const [FR, DE, IT, EN] = [partnerErrors("fr-CH"), partnerErrors("de-CH"), partnerErrors("it-CH"), partnerErrors("en")];

/** What the user asks: switch to the other mode, at the partnership's current version. */
async function flipInput(id: string) {
  const p = await readPartnership(id);
  return { partnershipId: id, paymentMode: p.paymentMode === "customer" ? "partner" : "customer", version: p.version } as const;
}

type Refusal = {
  who: string; email: string; chosenOrg?: string; partnership: [string, string];
  message: string; reason: string; actingOrg: string | null;
};

const REFUSALS: Refusal[] = [
  { who: "Luca, customer collaborator", email: "luca@helvetia-bakery.test", partnership: [HELVETIA, ALPINE], message: FR.denial("role"), reason: "role", actingOrg: HELVETIA },
  { who: "Hanna in Helvetia, administrator", email: "hanna@helvetia-bakery.test", chosenOrg: HELVETIA, partnership: [HELVETIA, ALPINE], message: FR.denial("role"), reason: "role", actingOrg: HELVETIA },
  { who: "Hanna in Ticino Vini, on Helvetia's partnership", email: "hanna@helvetia-bakery.test", chosenOrg: "Ticino Vini SA", partnership: [HELVETIA, ALPINE], message: FR.notFound, reason: "not_found", actingOrg: "Ticino Vini SA" },
  { who: "Hanna in Ticino Vini, collaborator", email: "hanna@helvetia-bakery.test", chosenOrg: "Ticino Vini SA", partnership: ["Ticino Vini SA", ALPINE], message: FR.denial("role"), reason: "role", actingOrg: "Ticino Vini SA" },
  { who: "Marc, the partner's legal representative", email: "marc@alpine-web.test", partnership: [HELVETIA, ALPINE], message: DE.notFound, reason: "not_found", actingOrg: ALPINE },
  { who: "Elena, the partner's administrator", email: "elena@alpine-web.test", partnership: [HELVETIA, ALPINE], message: DE.notFound, reason: "not_found", actingOrg: ALPINE },
  { who: "Sofia, a limited partner", email: "sofia@lakeside-it.test", partnership: [HELVETIA, LAKESIDE], message: IT.notFound, reason: "not_found", actingOrg: LAKESIDE },
  { who: "Ines, an unrelated partner", email: "ines@jura-hosting.test", partnership: [HELVETIA, ALPINE], message: EN.notFound, reason: "not_found", actingOrg: "Jura Hosting Partners" },
  { who: "Nora, the auditor", email: "nora@manager.test", partnership: [HELVETIA, ALPINE], message: EN.notFound, reason: "not_found", actingOrg: null },
  { who: "Claire, on another customer's partnership", email: "claire@helvetia-bakery.test", partnership: ["Matterhorn Sports AG", ALPINE], message: FR.notFound, reason: "not_found", actingOrg: HELVETIA },
  { who: "Claire, with the org cookie forged to that customer", email: "claire@helvetia-bakery.test", chosenOrg: "Matterhorn Sports AG", partnership: ["Matterhorn Sports AG", ALPINE], message: FR.notFound, reason: "not_found", actingOrg: HELVETIA },
  { who: "Claire, on the limited partnership", email: "claire@helvetia-bakery.test", partnership: [HELVETIA, LAKESIDE], message: FR.denial("limited_access"), reason: "limited_access", actingOrg: HELVETIA },
  { who: "Claire, on the ended partnership", email: "claire@helvetia-bakery.test", partnership: [HELVETIA, "Léman Digital Sàrl"], message: FR.denial("not_active"), reason: "not_active", actingOrg: HELVETIA },
  { who: "Paolo, legal representative with limited access", email: "paolo@ticino-vini.test", partnership: ["Ticino Vini SA", ALPINE], message: IT.denial("limited_access"), reason: "limited_access", actingOrg: "Ticino Vini SA" },
  { who: "Anna, legal representative of a pending partnership", email: "anna@zurich-legal.test", partnership: ["Zürich Legal Partners", ALPINE], message: DE.denial("not_active"), reason: "not_active", actingOrg: "Zürich Legal Partners" },
];

describe.each(enginesUnderTest())("changePaymentMode action on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => { await t.dispose(); });

  it("lets Claire, the customer's legal representative, switch Alpine Web Studio to “Partner pays”", async () => {
    const id = await partnershipId(HELVETIA, ALPINE);
    const [claire, helvetia] = [await userId("claire@helvetia-bakery.test"), await orgId(HELVETIA)];
    const meta = actAs(claire, null, { requestId: "req-claire-1", ip: "203.0.113.9", userAgent: "Firefox" });
    const before = await readPartnership(id);
    expect(before).toMatchObject({ paymentMode: "customer", access: "full", status: "active" });

    const { result, events } = await withNewAuditEvents(() => changePaymentMode(
      { partnershipId: id, paymentMode: "partner", version: before.version }));
    expect(result).toEqual({
      ok: true, paymentMode: "partner", version: before.version + 1,
      message: "Mode de paiement changé en «\u00a0Le partenaire paie\u00a0». Alpine Web Studio en a été informé par e-mail.",
    });
    expect(await readPartnership(id)).toMatchObject({ paymentMode: "partner", version: before.version + 1 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "payment_mode.changed", outcome: "ok", actorUserId: claire, actorOrgId: helvetia, partnershipId: id,
      before: { paymentMode: "customer", version: before.version }, after: { paymentMode: "partner", version: before.version + 1 },
      requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent,
    });
    const mail = await listMessages({ partnershipId: id });
    // The partner is notified; the customer's legal representatives get a confirmation.
    const toMarc = mail.filter((m) => m.toAddress === "marc@alpine-web.test");
    expect(toMarc).toHaveLength(1);
    expect(toMarc[0]).toMatchObject({ status: "pending", auditEventId: events[0]!.id, template: "payment-mode-changed" });
    expect(toMarc[0]!.textBody).toContain(`https://manager.example.test/clients/${id}`);
    expect(mail.filter((m) => m.toAddress !== "marc@alpine-web.test").map((m) => m.toAddress)).toEqual(["claire@helvetia-bakery.test"]);
    expect(vi.mocked(kickOutboxWorker)).toHaveBeenCalled();
    expect(vi.mocked(revalidatePath)).toHaveBeenCalledWith(`/partners/${id}`);
  });

  it("acts in Claire's own organization when her org cookie names one she does not belong to", async () => {
    const id = await partnershipId(HELVETIA, ALPINE);
    actAs(await userId("claire@helvetia-bakery.test"), await orgId("Matterhorn Sports AG"));
    const { result, events } = await withNewAuditEvents(async () => changePaymentMode(await flipInput(id)));
    expect(result.ok).toBe(true);
    expect(events).toMatchObject([{ outcome: "ok", actorOrgId: await orgId(HELVETIA), customerOrgId: await orgId(HELVETIA) }]);
    const matterhorn = await readPartnership(await partnershipId("Matterhorn Sports AG", ALPINE));
    expect(matterhorn).toMatchObject({ paymentMode: "partner", version: 1 });
  });

  it.each(REFUSALS)("refuses $who, changes nothing and audits the attempt", async (row) => {
    const [user, id] = [await userId(row.email), await partnershipId(...row.partnership)];
    actAs(user, row.chosenOrg ? await orgId(row.chosenOrg) : null);
    const before = await snapshot();
    const { result, events } = await withNewAuditEvents(async () => changePaymentMode(await flipInput(id)));
    expect(result).toEqual({ ok: false, message: row.message });
    expect(await snapshot()).toEqual(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "payment_mode.refused", outcome: "refused", reason: row.reason, actorUserId: user,
      actorOrgId: row.actingOrg ? await orgId(row.actingOrg) : null, partnershipId: id,
    });
  });

  it.each([
    ["no session", () => null],
    ["the id of a user that does not exist", () => randomUUID()],
  ])("refuses %s as an expired session, changing and auditing nothing", async (_, who) => {
    actAs(who());
    const before = await snapshot();
    const id = await partnershipId(HELVETIA, ALPINE);
    const { result, events } = await withNewAuditEvents(async () => changePaymentMode(await flipInput(id)));
    expect(result).toEqual({ ok: false, message: SESSION_EXPIRED });
    expect(await snapshot()).toEqual(before);
    expect(events).toEqual([]);
  });

  it("re-reads the membership on every call: a demoted, removed, then deleted user is refused each time", async () => {
    const { db, schema } = getDatabase();
    const helvetia = await orgId(HELVETIA);
    const id = await partnershipId(HELVETIA, ALPINE);
    const user = randomUUID();
    await db.insert(schema.users).values({ id: user, email: `temp-${user}@helvetia-bakery.test`, name: "Temp Rep", passwordHash: "x", createdAt: new Date() });
    await db.insert(schema.memberships).values({ userId: user, orgId: helvetia, role: "legal_representative", createdAt: new Date() });
    const membership = and(eq(schema.memberships.userId, user), eq(schema.memberships.orgId, helvetia));
    actAs(user, helvetia);
    const before = await snapshot();

    await db.update(schema.memberships).set({ role: "collaborator" }).where(membership);
    expect(await changePaymentMode(await flipInput(id))).toEqual({ ok: false, message: DENIALS.role });
    await db.delete(schema.memberships).where(membership);
    expect(await changePaymentMode(await flipInput(id))).toEqual({ ok: false, message: NOT_FOUND });
    await db.delete(schema.users).where(eq(schema.users.id, user));
    expect(await changePaymentMode(await flipInput(id))).toEqual({ ok: false, message: SESSION_EXPIRED });
    expect(await snapshot()).toEqual(before);
  });
});
