// The customer's lifecycle actions, called as each demo role, the other side, another organization,
// on ended partnerships and with stale versions: what they answer, and what the database then holds.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { listManagedProducts } from "@/db/partnerships";
import { listOrgProducts } from "@/db/products";
import { seedDemoData } from "@/db/seed";
import { SESSION_EXPIRED } from "@/lib/action";
import { hashInvitationToken } from "@/lib/invitation-token";
import { lifecycleDenialMessage } from "@/lib/lifecycle-messages";
import { BAD_PRODUCTS, LIVE_PAIR, NOT_FOUND, PARTNER_NOT_FOUND, STALE, TOO_MANY_PASSWORD_ATTEMPTS, WRONG_PASSWORD } from "@/lib/testing/english-messages";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, readPartnership } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/fake-request";
import { emailedToken, lastAuditEvent, messagesTo, world } from "@/lib/testing/lifecycle";
import { changeAccess, deleteInvitation, endPartnershipAsCustomer, invitePartner, resendInvitation } from "./lifecycle-actions";
import { speakEnglish } from "@/lib/testing/i18n";

vi.mock("@/lib/request", () => import("@/lib/testing/fake-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const HELVETIA = "Helvetia Bakery SA";
const CLAIRE = "claire@helvetia-bakery.test";

describe.each(enginesUnderTest())("customer lifecycle actions on %s", (engine) => {
  let t: TestDatabase;
  let jura: string, helvetiaProducts: string[], ticinoProduct: string;

  beforeAll(async () => {
    vi.stubEnv("APP_URL", "https://manager.example.test");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-000");
    t = await useTestDatabase(engine);
    await seedDemoData();
    // Everyone in English here: the answers in French, German and Italian are in lifecycle-languages.test.ts.
    await speakEnglish();
    jura = await orgId("Jura Hosting Partners");
    helvetiaProducts = (await listOrgProducts({ orgId: await orgId(HELVETIA) })).map((p) => p.id);
    ticinoProduct = (await listOrgProducts({ orgId: await orgId("Ticino Vini SA") }))[0]!.id;
  });
  afterAll(async () => { vi.unstubAllEnvs(); await t.dispose(); });

  /** A refused call: the answer, the refusal in the audit trail, and nothing else written. */
  async function refused(call: () => Promise<{ ok: boolean; message: string }>, message: string, reason: string, kind = "partnership.action_refused") {
    const before = await world();
    const result = await call();
    expect(result).toMatchObject({ ok: false, message });
    expect(await lastAuditEvent()).toMatchObject({ kind, outcome: "refused", reason });
    expect(await world()).toEqual(before);
    return result;
  }

  describe("invitePartner", () => {
    const full = () => ({ partnerOrgId: jura, access: "full", paymentMode: "partner", productIds: [] });

    it("refuses without a session and writes nothing", async () => {
      await signInAs(null);
      const before = await world();
      expect(await invitePartner(full())).toEqual({ ok: false, message: SESSION_EXPIRED });
      expect(await world()).toEqual(before);
    });

    it.each([
      ["an administrator", "hanna@helvetia-bakery.test", HELVETIA, lifecycleDenialMessage("invite", "role", "en"), "role"],
      ["a collaborator", "luca@helvetia-bakery.test", undefined, lifecycleDenialMessage("invite", "role", "en"), "role"],
      ["a partner's legal representative", "marc@alpine-web.test", undefined, lifecycleDenialMessage("invite", "side", "en"), "side"],
      ["the auditor, who belongs to no organization", "nora@manager.test", undefined, PARTNER_NOT_FOUND, "not_found"],
    ])("refuses %s", async (_, email, org, message, reason) => {
      await signInAs(email, org);
      await refused(() => invitePartner(full()), message, reason);
    });

    it("refuses a partner already live, an organization that is no partner, its own and unknown ids", async () => {
      await signInAs(CLAIRE);
      const alpine = await orgId("Alpine Web Studio");
      await refused(() => invitePartner({ ...full(), partnerOrgId: alpine }), LIVE_PAIR, "live_pair");
      for (const id of [await orgId("Matterhorn Sports AG"), await orgId(HELVETIA), crypto.randomUUID()]) {
        await refused(() => invitePartner({ ...full(), partnerOrgId: id }), PARTNER_NOT_FOUND, "partner_not_found");
      }
    });

    it("refuses a partner that bills in another currency, whichever side holds which", async () => {
      await signInAs(CLAIRE); // Helvetia bills in CHF, Isar Webagentur in EUR
      const isar = await orgId("Isar Webagentur GmbH");
      await refused(
        () => invitePartner({ ...full(), partnerOrgId: isar }),
        "Isar Webagentur GmbH bills in EUR, your organization does not: a partnership is between organizations of one currency. Nothing changed.",
        "other_currency",
      );
      await signInAs("camille@boulangerie-lyon.test"); // Lyon bills in EUR, Jura in CHF
      await refused(
        () => invitePartner({ ...full(), partnerOrgId: jura }),
        "Jura Hosting Partners bills in CHF, your organization does not: a partnership is between organizations of one currency. Nothing changed.",
        "other_currency",
      );
    });

    it("refuses another organization's products", async () => {
      await signInAs("paolo@ticino-vini.test");
      const result = await refused(
        () => invitePartner({ partnerOrgId: jura, access: "limited", paymentMode: "customer", productIds: [helvetiaProducts[0]] }),
        BAD_PRODUCTS, "bad_products",
      );
      expect(result).toMatchObject({ fieldErrors: { productIds: [BAD_PRODUCTS] } });
    });

    it.each([
      ["limited access without products", { access: "limited", paymentMode: "customer", productIds: [] }, "productIds"],
      ["an unknown access", { access: "total" }, "access"],
      ["limited access with the partner paying", { access: "limited", paymentMode: "partner", productIds: ["x"] }, "paymentMode"],
    ])("refuses %s with a field error", async (_, over, field) => {
      await signInAs(CLAIRE);
      const result = await refused(() => invitePartner({ ...full(), ...over }), "Check the highlighted fields.", `invalid_input: ${field}`);
      expect(result).toMatchObject({ fieldErrors: { [field]: [expect.any(String)] } });
    });

    it("invites: a pending partnership, an audit event without the token, and an email with the link to each partner legal representative", async () => {
      await signInAs(CLAIRE);
      const result = await invitePartner(full());
      expect(result).toMatchObject({ ok: true, message: expect.stringContaining("Invitation sent to Jura Hosting Partners") });
      const id = (result as { partnershipId: string }).partnershipId;
      expect(await readPartnership(id)).toMatchObject({ status: "pending", access: "full", paymentMode: "partner", version: 1 });
      const [mail] = await messagesTo("ines@jura-hosting.test", "partnership-invitation");
      expect(mail).toMatchObject({ partnershipId: id, subject: "Helvetia Bakery SA invites Jura Hosting Partners to become its partner" });
      expect(mail!.textBody).toContain("https://manager.example.test/invitations/");
      expect(mail!.textBody).toContain("“Partner pays”");
      const token = await emailedToken("ines@jura-hosting.test");
      const event = await lastAuditEvent();
      expect(event).toMatchObject({ kind: "partnership.invited", outcome: "ok", partnershipId: id });
      expect(JSON.stringify(event)).not.toContain(token);
      expect(JSON.stringify(event)).not.toContain(hashInvitationToken(token));
      await refused(() => invitePartner(full()), LIVE_PAIR, "live_pair");
    });
  });

  describe("resendInvitation and deleteInvitation", () => {
    let id: string;
    beforeAll(async () => { id = await partnershipId(HELVETIA, "Jura Hosting Partners"); });
    const step = async (version?: number) => ({ partnershipId: id, version: version ?? (await readPartnership(id)).version });

    it.each([
      ["an administrator", "hanna@helvetia-bakery.test", HELVETIA, lifecycleDenialMessage("resend", "role", "en"), "role"],
      ["a collaborator", "luca@helvetia-bakery.test", undefined, lifecycleDenialMessage("resend", "role", "en"), "role"],
      ["the invited partner", "ines@jura-hosting.test", undefined, NOT_FOUND, "not_found"],
      ["another customer", "paolo@ticino-vini.test", undefined, NOT_FOUND, "not_found"],
      ["the auditor", "nora@manager.test", undefined, NOT_FOUND, "not_found"],
    ])("refuses %s", async (_, email, org, message, reason) => {
      await signInAs(email, org);
      await refused(async () => resendInvitation(await step()), message, reason);
      await refused(async () => deleteInvitation(await step()), message, reason);
    });

    it("refuses a stale version, and partnerships that are not pending (active, ended)", async () => {
      await signInAs(CLAIRE);
      await refused(async () => resendInvitation(await step((await readPartnership(id)).version + 1)), STALE, "stale_version");
      for (const partner of ["Alpine Web Studio", "Léman Digital Sàrl"]) {
        const other = await partnershipId(HELVETIA, partner);
        await refused(async () => deleteInvitation({ partnershipId: other, version: (await readPartnership(other)).version }),
          lifecycleDenialMessage("delete", "status", "en"), "status");
      }
    });

    it("resend emails a new link and the old one stops working", async () => {
      await signInAs(CLAIRE);
      const oldToken = await emailedToken("ines@jura-hosting.test");
      const before = await readPartnership(id);
      expect(await resendInvitation(await step())).toMatchObject({ ok: true, message: expect.stringContaining("the link of the previous email no longer works") });
      expect(await readPartnership(id)).toMatchObject({ status: "pending", version: before.version + 1 });
      const newToken = await emailedToken("ines@jura-hosting.test");
      expect(newToken).not.toBe(oldToken);
      const { db, schema } = getDatabase();
      const [old] = await db.select().from(schema.invitations).where(eq(schema.invitations.tokenHash, hashInvitationToken(oldToken)));
      expect(old?.revokedAt).toBeInstanceOf(Date);
    });

    it("delete closes the invitation and tells the partner; a second delete is refused", async () => {
      const zurich = await partnershipId("Zürich Legal Partners", "Alpine Web Studio");
      await signInAs("anna@zurich-legal.test");
      expect(await deleteInvitation({ partnershipId: zurich, version: (await readPartnership(zurich)).version })).toMatchObject({ ok: true });
      expect(await readPartnership(zurich)).toMatchObject({ status: "deleted" });
      expect((await messagesTo("marc@alpine-web.test", "partnership-invitation-withdrawn"))[0]?.subject).toBe("Zürich Legal Partners withdrew its invitation");
      await refused(async () => deleteInvitation({ partnershipId: zurich, version: (await readPartnership(zurich)).version }),
        lifecycleDenialMessage("delete", "status", "en"), "status");
    });
  });

  describe("changeAccess", () => {
    let id: string, managed: string[];
    beforeAll(async () => {
      id = await partnershipId(HELVETIA, "Lakeside IT");
      managed = (await listManagedProducts({ partnershipId: id })).map((p) => p.id);
    });
    const input = async (over: Record<string, unknown> = {}) => ({ partnershipId: id, version: (await readPartnership(id)).version, access: "full", productIds: [], ...over });

    it.each([
      ["an administrator", "hanna@helvetia-bakery.test", HELVETIA, lifecycleDenialMessage("change_access", "role", "en"), "role"],
      ["a collaborator", "luca@helvetia-bakery.test", undefined, lifecycleDenialMessage("change_access", "role", "en"), "role"],
      ["the partner", "sofia@lakeside-it.test", undefined, NOT_FOUND, "not_found"],
      ["another customer", "paolo@ticino-vini.test", undefined, NOT_FOUND, "not_found"],
    ])("refuses %s", async (_, email, org, message, reason) => {
      await signInAs(email, org);
      await refused(async () => changeAccess(await input()), message, reason, "access.refused");
    });

    it("refuses an ended partnership, a stale version, no change, foreign products and bad input", async () => {
      await signInAs(CLAIRE);
      const ended = await partnershipId(HELVETIA, "Léman Digital Sàrl");
      await refused(async () => changeAccess({ ...(await input()), partnershipId: ended, version: (await readPartnership(ended)).version }),
        lifecycleDenialMessage("change_access", "status", "en"), "status", "access.refused");
      await refused(async () => changeAccess(await input({ version: (await readPartnership(id)).version + 5 })), STALE, "stale_version", "access.refused");
      await refused(async () => changeAccess(await input({ access: "limited", productIds: [...managed].reverse() })),
        "The access rights are already set like this. Nothing changed.", "unchanged", "access.refused");
      await refused(async () => changeAccess(await input({ access: "limited", productIds: [ticinoProduct] })), BAD_PRODUCTS, "bad_products", "access.refused");
      await refused(async () => changeAccess(await input({ access: "limited", productIds: [] })), "Check the highlighted fields.", "invalid_input: productIds", "access.refused");
    });

    it("limited → full → limited: saved, emailed to the partner, and back with the same products", async () => {
      await signInAs(CLAIRE);
      expect(await changeAccess(await input())).toMatchObject({ ok: true, message: "Access rights changed to “Full”. Lakeside IT has been notified by email." });
      expect(await readPartnership(id)).toMatchObject({ access: "full", paymentMode: "customer" });
      expect(await listManagedProducts({ partnershipId: id })).toEqual([]);
      expect((await messagesTo("sofia@lakeside-it.test", "access-changed"))[0]?.subject).toBe("Helvetia Bakery SA changed your access to “Full”");
      const back = await changeAccess(await input({ access: "limited", productIds: managed }));
      expect(back).toMatchObject({ ok: true, message: expect.stringContaining("The payment mode is now “Customer pays”.") });
      expect((await listManagedProducts({ partnershipId: id })).map((p) => p.id).sort()).toEqual([...managed].sort());
      expect((await lastAuditEvent())).toMatchObject({ kind: "access.changed", before: { access: "full" }, after: { access: "limited", productIds: expect.any(Array) } });
    });

    it("full with the partner paying → limited puts the customer back to paying, and says so in the email", async () => {
      await signInAs(CLAIRE);
      const alpine = await partnershipId(HELVETIA, "Alpine Web Studio");
      const { db, schema } = getDatabase();
      await db.update(schema.partnerships).set({ paymentMode: "partner" }).where(eq(schema.partnerships.id, alpine));
      const result = await changeAccess({ partnershipId: alpine, version: (await readPartnership(alpine)).version, access: "limited", productIds: helvetiaProducts.slice(0, 1) });
      expect(result).toMatchObject({ ok: true });
      expect(await readPartnership(alpine)).toMatchObject({ access: "limited", paymentMode: "customer" });
      expect((await messagesTo("marc@alpine-web.test", "access-changed"))[0]?.textBody).toContain("the payment mode went back to “Customer pays”");
    });
  });

  describe("endPartnershipAsCustomer", () => {
    let id: string;
    beforeAll(async () => { id = await partnershipId(HELVETIA, "Lakeside IT"); });
    const input = async (password: string, over: Record<string, unknown> = {}) => ({ partnershipId: id, version: (await readPartnership(id)).version, password, ...over });

    it("refuses a wrong password without ever recording it", async () => {
      await signInAs(CLAIRE);
      const result = await refused(async () => endPartnershipAsCustomer(await input("hunter2-wrong")), WRONG_PASSWORD, "wrong_password");
      expect(result).toMatchObject({ fieldErrors: { password: [WRONG_PASSWORD] } });
      expect(JSON.stringify(result)).not.toContain("hunter2");
      expect(JSON.stringify(await lastAuditEvent())).not.toContain("hunter2");
      await refused(async () => endPartnershipAsCustomer(await input("")), "Check the highlighted fields.", "invalid_input: password");
    });

    it.each([
      ["an administrator", "hanna@helvetia-bakery.test", HELVETIA, lifecycleDenialMessage("end", "role", "en"), "role"],
      ["the partner, through the customer's action", "sofia@lakeside-it.test", undefined, NOT_FOUND, "not_found"],
      ["another customer", "paolo@ticino-vini.test", undefined, NOT_FOUND, "not_found"],
    ])("refuses %s even with the right password", async (_, email, org, message, reason) => {
      await signInAs(email, org);
      await refused(async () => endPartnershipAsCustomer(await input("manager-demo")), message, reason);
    });

    it("refuses an ended partnership and a stale version", async () => {
      await signInAs(CLAIRE);
      const ended = await partnershipId(HELVETIA, "Léman Digital Sàrl");
      await refused(async () => endPartnershipAsCustomer(await input("manager-demo", { partnershipId: ended, version: (await readPartnership(ended)).version })),
        lifecycleDenialMessage("end", "status", "en"), "status");
      await refused(async () => endPartnershipAsCustomer(await input("manager-demo", { version: 999 })), STALE, "stale_version");
    });

    it("ends with the right password: access gone at once, the partner emailed, no more changes", async () => {
      await signInAs(CLAIRE);
      expect(await endPartnershipAsCustomer(await input("manager-demo"))).toMatchObject({ ok: true, message: expect.stringContaining("has ended") });
      expect(await readPartnership(id)).toMatchObject({ status: "ended" });
      expect((await messagesTo("sofia@lakeside-it.test", "partnership-ended"))[0]?.subject).toBe("Helvetia Bakery SA ended its partnership with Lakeside IT");
      expect(JSON.stringify(await lastAuditEvent())).not.toContain("manager-demo");
      await refused(async () => changeAccess({ partnershipId: id, version: (await readPartnership(id)).version, access: "full", productIds: [] }),
        lifecycleDenialMessage("change_access", "status", "en"), "status", "access.refused");
    });

    // Last in the file: it locks Claire out of this step for 15 minutes.
    it("stops checking passwords after five wrong ones in 15 minutes, even the right one", async () => {
      await signInAs(CLAIRE);
      const alpine = await partnershipId(HELVETIA, "Alpine Web Studio");
      const attempt = async (password: string) =>
        endPartnershipAsCustomer({ partnershipId: alpine, version: (await readPartnership(alpine)).version, password });
      const reasons: string[] = [];
      for (let i = 0; i < 6; i++) {
        await attempt(`guess-${i}`);
        reasons.push(String((await lastAuditEvent())?.reason));
      }
      expect(reasons.filter((r) => r === "wrong_password").length).toBeLessThanOrEqual(5);
      expect(reasons.at(-1)).toBe("too_many_attempts");
      await refused(() => attempt("manager-demo"), TOO_MANY_PASSWORD_ATTEMPTS, "too_many_attempts");
      expect(await readPartnership(alpine)).toMatchObject({ status: "active" });
    });
  });
});
