// The partner's lifecycle actions (accept, refuse, end), called through the emailed link and from the
// Clients page, as each demo role, the customer, other organizations, with bad, expired, revoked and reused links.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { hashInvitationToken, newInvitationToken } from "@/lib/invitation-token";
import { invitationLinkMessage, lifecycleDenialMessage } from "@/lib/lifecycle-messages";
import { INVITATION_LINK_MESSAGES, NOT_FOUND, STALE, WRONG_PASSWORD } from "@/lib/testing/english-messages";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, readPartnership, userId } from "@/lib/testing/demo";
import { fakeRequest, signInAs } from "@/lib/testing/fake-request";
import { emailedToken, lastAuditEvent, messagesTo, world } from "@/lib/testing/lifecycle";
import { invitePartner, resendInvitation } from "../partners/lifecycle-actions";
import { partnerErrors } from "../partners/messages";
import { acceptInvitation, endPartnershipAsPartner, refuseInvitation } from "./actions";
import { speakEnglish } from "@/lib/testing/i18n";

vi.mock("@/lib/request", () => import("@/lib/testing/fake-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const INES = "ines@jura-hosting.test";

describe.each(enginesUnderTest())("partner lifecycle actions on %s", (engine) => {
  let t: TestDatabase;
  let id: string, token: string;

  beforeAll(async () => {
    vi.stubEnv("APP_URL", "https://manager.example.test");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-000");
    t = await useTestDatabase(engine);
    await seedDemoData();
    await speakEnglish(); // asserts the English texts of actions not converted yet (docs/i18n.md)
    await signInAs("claire@helvetia-bakery.test");
    const invited = await invitePartner({ partnerOrgId: await orgId("Jura Hosting Partners"), access: "full", paymentMode: "partner", productIds: [] });
    id = (invited as { partnershipId: string }).partnershipId;
    token = await emailedToken(INES);
  });
  afterAll(async () => { vi.unstubAllEnvs(); await t.dispose(); });

  async function refused(call: () => Promise<{ ok: boolean; message: string }>, message: string, reason: string) {
    const before = await world();
    const result = await call();
    expect(result).toMatchObject({ ok: false, message });
    expect(await lastAuditEvent()).toMatchObject({ kind: "partnership.action_refused", outcome: "refused", reason });
    expect(await world()).toEqual(before);
    return result;
  }
  const answer = async (over: Record<string, unknown> = {}) => ({ partnershipId: id, version: (await readPartnership(id)).version, token, ...over });

  describe("through the emailed link", () => {
    it.each([
      ["a legal representative of another partner", "marc@alpine-web.test", undefined, NOT_FOUND, "not_found"],
      ["the customer", "claire@helvetia-bakery.test", undefined, NOT_FOUND, "not_found"],
      ["the auditor", "nora@manager.test", undefined, NOT_FOUND, "not_found"],
    ])("refuses %s", async (_, email, org, message, reason) => {
      await signInAs(email, org);
      await refused(async () => acceptInvitation(await answer()), message, reason);
      await refused(async () => refuseInvitation(await answer()), message, reason);
    });

    it("refuses a malformed link, an unknown one, and one of another invitation", async () => {
      await signInAs(INES);
      await refused(async () => acceptInvitation(await answer({ token: "not-a-token" })), INVITATION_LINK_MESSAGES.unknown, "link_unknown");
      await refused(async () => acceptInvitation(await answer({ token: newInvitationToken() })), INVITATION_LINK_MESSAGES.unknown, "link_unknown");
      const zurich = await partnershipId("Zürich Legal Partners", "Alpine Web Studio");
      await refused(async () => acceptInvitation(await answer({ partnershipId: zurich })), INVITATION_LINK_MESSAGES.unknown, "link_unknown");
    });

    it("answers each caller in their own language: Marc in German, Ines in Italian once she chooses it", async () => {
      const { db, schema } = getDatabase();
      await db.update(schema.users).set({ locale: "de-CH" }).where(eq(schema.users.email, "marc@alpine-web.test"));
      await db.update(schema.users).set({ locale: "it-CH" }).where(eq(schema.users.email, INES));
      try {
        await signInAs("marc@alpine-web.test");
        const german = partnerErrors("de-CH").notFound;
        expect(german).not.toBe(NOT_FOUND);
        await refused(async () => acceptInvitation(await answer()), german, "not_found");
        await signInAs(INES);
        const italian = invitationLinkMessage("unknown", "it-CH");
        expect(italian).not.toBe(INVITATION_LINK_MESSAGES.unknown);
        await refused(async () => acceptInvitation(await answer({ token: newInvitationToken() })), italian, "link_unknown");
        await refused(async () => refuseInvitation(await answer({ version: 7 })), partnerErrors("it-CH").stale, "stale_version");
      } finally {
        await db.update(schema.users).set({ locale: "en" }).where(eq(schema.users.email, "marc@alpine-web.test"));
        await db.update(schema.users).set({ locale: "en" }).where(eq(schema.users.email, INES));
      }
    });

    it("refuses an expired link, and a stale version", async () => {
      await signInAs(INES);
      const { db, schema } = getDatabase();
      const where = eq(schema.invitations.tokenHash, hashInvitationToken(token));
      const [{ expiresAt }] = await db.select({ expiresAt: schema.invitations.expiresAt }).from(schema.invitations).where(where) as [{ expiresAt: Date }];
      await db.update(schema.invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(where);
      await refused(async () => acceptInvitation(await answer()), INVITATION_LINK_MESSAGES.expired, "link_expired");
      await db.update(schema.invitations).set({ expiresAt }).where(where);
      await refused(async () => acceptInvitation(await answer({ version: 7 })), STALE, "stale_version");
    });

    it("refuses a link replaced by a resend", async () => {
      await signInAs("claire@helvetia-bakery.test");
      expect(await resendInvitation({ partnershipId: id, version: (await readPartnership(id)).version })).toMatchObject({ ok: true });
      await signInAs(INES);
      await refused(async () => acceptInvitation(await answer()), INVITATION_LINK_MESSAGES.revoked, "link_revoked");
      token = await emailedToken(INES);
    });

    it("accepts through the invited organization even when another is chosen, and emails the customer", async () => {
      const { db, schema } = getDatabase();
      const basel = await orgId("Basel Pharma Consulting AG");
      await db.insert(schema.memberships).values({ userId: await userId(INES), orgId: basel, role: "collaborator", createdAt: new Date() });
      await signInAs(INES, "Basel Pharma Consulting AG");
      const result = await acceptInvitation(await answer());
      expect(result).toMatchObject({ ok: true, partnershipId: id, message: expect.stringContaining("You accepted the invitation of Helvetia Bakery SA") });
      expect(await readPartnership(id)).toMatchObject({ status: "active", paymentMode: "partner", access: "full" });
      expect(fakeRequest.chosen).toEqual([await orgId("Jura Hosting Partners")]);
      expect((await messagesTo("claire@helvetia-bakery.test", "partnership-accepted"))[0]).toMatchObject({
        subject: "Jura Hosting Partners accepted your invitation", partnershipId: id,
      });
      expect(await lastAuditEvent()).toMatchObject({ kind: "partnership.accepted", actorUserId: await userId(INES), after: { status: "active", via: "email_link" } });
    });

    it("refuses the same link again, to accept or to refuse", async () => {
      await signInAs(INES);
      await refused(async () => acceptInvitation(await answer()), lifecycleDenialMessage("accept", "status", "en"), "status");
      await refused(async () => refuseInvitation(await answer()), lifecycleDenialMessage("refuse", "status", "en"), "status");
    });
  });

  describe("from the Clients page", () => {
    let zurich: string;
    beforeAll(async () => { zurich = await partnershipId("Zürich Legal Partners", "Alpine Web Studio"); });
    const fromPage = async (version?: number) => ({ partnershipId: zurich, version: version ?? (await readPartnership(zurich)).version });

    it.each([
      ["an administrator of the partner", "elena@alpine-web.test", lifecycleDenialMessage("accept", "role", "en"), "role"],
      ["another partner", "sofia@lakeside-it.test", NOT_FOUND, "not_found"],
      ["the customer", "anna@zurich-legal.test", NOT_FOUND, "not_found"],
    ])("refuses %s", async (_, email, message, reason) => {
      await signInAs(email);
      await refused(async () => acceptInvitation(await fromPage()), message, reason);
    });

    it("refuses a stale version, then refuses the invitation and emails the customer", async () => {
      await signInAs("marc@alpine-web.test");
      await refused(async () => refuseInvitation(await fromPage(99)), STALE, "stale_version");
      expect(await refuseInvitation(await fromPage())).toMatchObject({ ok: true, message: expect.stringContaining("You refused the invitation of Zürich Legal Partners") });
      expect(await readPartnership(zurich)).toMatchObject({ status: "refused" });
      expect((await messagesTo("anna@zurich-legal.test", "partnership-refused"))[0]?.subject).toBe("Alpine Web Studio refused your invitation");
      expect(fakeRequest.chosen).toEqual([]);
      // A refused invitation is closed: it is no longer the partner's to answer.
      await refused(async () => acceptInvitation(await fromPage()), NOT_FOUND, "not_found");
    });
  });

  describe("endPartnershipAsPartner", () => {
    const end = async (password: string, over: Record<string, unknown> = {}) => ({ partnershipId: id, version: (await readPartnership(id)).version, password, ...over });

    it("refuses a wrong password, without recording it", async () => {
      await signInAs(INES, "Jura Hosting Partners"); // she now also belongs to Basel
      await refused(async () => endPartnershipAsPartner(await end("guess-123")), WRONG_PASSWORD, "wrong_password");
      expect(JSON.stringify(await lastAuditEvent())).not.toContain("guess-123");
    });

    it.each([
      ["another partner", "sofia@lakeside-it.test", NOT_FOUND, "not_found"],
      ["the customer, through the partner's action", "claire@helvetia-bakery.test", NOT_FOUND, "not_found"],
      ["the auditor", "nora@manager.test", NOT_FOUND, "not_found"],
    ])("refuses %s", async (_, email, message, reason) => {
      await signInAs(email);
      await refused(async () => endPartnershipAsPartner(await end("manager-demo")), message, reason);
    });

    it("refuses an administrator of the partner, and a stale version", async () => {
      await signInAs("elena@alpine-web.test");
      const alpine = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
      await refused(async () => endPartnershipAsPartner(await end("manager-demo", { partnershipId: alpine, version: (await readPartnership(alpine)).version })),
        lifecycleDenialMessage("end", "role", "en"), "role");
      await signInAs(INES, "Jura Hosting Partners"); // she now also belongs to Basel
      await refused(async () => endPartnershipAsPartner(await end("manager-demo", { version: 1 })), STALE, "stale_version");
    });

    it("ends with the right password, emails the customer, and the partnership is then out of the partner's reach", async () => {
      await signInAs(INES, "Jura Hosting Partners"); // she now also belongs to Basel
      expect(await endPartnershipAsPartner(await end("manager-demo"))).toMatchObject({ ok: true, message: expect.stringContaining("you no longer have access") });
      expect(await readPartnership(id)).toMatchObject({ status: "ended" });
      expect((await messagesTo("claire@helvetia-bakery.test", "partnership-ended"))[0]).toMatchObject({
        subject: "Jura Hosting Partners ended its partnership with Helvetia Bakery SA",
      });
      expect(await lastAuditEvent()).toMatchObject({ kind: "partnership.ended", after: { endedBy: "partner" } });
      await refused(async () => endPartnershipAsPartner(await end("manager-demo")), NOT_FOUND, "not_found");
      const leman = await partnershipId("Helvetia Bakery SA", "Léman Digital Sàrl");
      await signInAs("julien@leman-digital.test");
      await refused(async () => endPartnershipAsPartner({ partnershipId: leman, version: 1, password: "manager-demo" }), NOT_FOUND, "not_found");
    });
  });
});
