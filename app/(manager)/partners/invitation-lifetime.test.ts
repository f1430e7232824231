// An invitation link lives exactly 14 days (docs/decisions.md), written out here in days rather than
// read from lib/lifecycle.ts: changing the constant by mistake fails this test.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { invitationLinkMessage } from "@/lib/lifecycle-messages";
import { enginesUnderTest } from "@/lib/testing/db";
import { seededDatabaseFor } from "@/lib/testing/demo-database";
import { orgId, partnershipId, readPartnership } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/fake-request";
import { emailedToken } from "@/lib/testing/lifecycle";

vi.mock("@/lib/request", () => import("@/lib/testing/fake-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: () => {} }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-000");

const { invitePartner } = await import("./lifecycle-actions");
const { acceptInvitation } = await import("../clients/actions");

const DAY = 24 * 60 * 60 * 1000;
const T = new Date("2026-04-01T09:00:00.000Z").getTime();

describe.each(enginesUnderTest())("the invitation link's lifetime on %s", (engine) => {
  seededDatabaseFor(engine);
  afterEach(() => { vi.useRealTimers(); });

  async function inviteAt(partner: string, email: string) {
    vi.useFakeTimers({ toFake: ["Date"], now: T });
    await signInAs("claire@helvetia-bakery.test");
    const result = await invitePartner({ partnerOrgId: await orgId(partner), access: "full", paymentMode: "customer", productIds: [] });
    expect(result.ok, result.message).toBe(true);
    const id = await partnershipId("Helvetia Bakery SA", partner);
    return { id, token: await emailedToken(email) };
  }

  async function acceptAt(ms: number, who: string, { id, token }: { id: string; token: string }) {
    vi.setSystemTime(ms);
    await signInAs(who);
    return acceptInvitation({ partnershipId: id, version: (await readPartnership(id)).version, token });
  }

  it("stores an expiry of exactly 14 days after the invitation", async () => {
    const { id } = await inviteAt("Jura Hosting Partners", "ines@jura-hosting.test");
    const { db, schema } = getDatabase();
    const [link] = await db.select().from(schema.invitations).where(eq(schema.invitations.partnershipId, id));
    expect(link!.expiresAt.getTime() - T).toBe(14 * DAY);
  });

  it("works one second before the 14 days are over", async () => {
    const link = { id: await partnershipId("Helvetia Bakery SA", "Jura Hosting Partners"), token: await emailedToken("ines@jura-hosting.test") };
    expect(await acceptAt(T + 14 * DAY - 1000, "ines@jura-hosting.test", link)).toMatchObject({ ok: true });
  });

  it("has expired when the 14 days are over", async () => {
    // Léman's partnership with Helvetia ended long ago, so it can be invited again (in CHF, like Helvetia).
    const link = await inviteAt("Léman Digital Sàrl", "julien@leman-digital.test");
    expect(await acceptAt(T + 14 * DAY, "julien@leman-digital.test", link)).toEqual({ ok: false, message: invitationLinkMessage("expired", "fr-CH") }); // Julien works in French (db/seed.ts)
  });
});
