// The scheduled switch's actions (issue #14) on every engine under test: Claire (fr-CH) previews, schedules,
// replaces and cancels; the date limits, a stale version and other people are refused in their language,
// audited as scheduled_switch.refused, and change nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { changePaymentMode, getCustomerPartnership } from "@/db/partnerships";
import { seedDemoData } from "@/db/seed";
import { addYears, zurichDate } from "@/lib/billing/period";
import { META } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, orgId, partnershipId, readPartnership, userId } from "@/lib/testing/demo";
import { fingerprint as snapshot } from "@/lib/testing/fingerprint";
import { actAs } from "@/lib/testing/request-stub";
import { cancelScheduledSwitch, previewSwitch, scheduleSwitchAction } from "./schedule-actions";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("@/lib/auth", () => { throw new Error("next-auth must not load: the session comes from the request stub"); });
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: vi.fn() }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

const plusDays = (n: number) => new Date(Date.parse(`${zurichDate(new Date())}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.each(enginesUnderTest())("scheduled switch actions on %s", (engine) => {
  let t: TestDatabase;
  let pid: string;
  let claire: string, helvetia: string;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    pid = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    [claire, helvetia] = await Promise.all([userId("claire@helvetia-bakery.test"), orgId("Helvetia Bakery SA")]);
  });
  afterAll(async () => { await t.dispose(); });
  const asClaire = () => actAs(claire, helvetia);

  it("previews the next 12 months for Claire, in French", async () => {
    asClaire();
    const r = await previewSwitch({ partnershipId: pid, paymentMode: "partner", effectiveDate: null });
    if (!r.ok) throw new Error(r.message);
    expect(r.preview.count).toBeGreaterThan(0);
    expect(r.preview.rows).toHaveLength(Math.min(3, r.preview.count));
    expect(r.preview.totals.map((x) => x.payer)).toEqual(["Helvetia Bakery SA", "Alpine Web Studio"]);
    expect(r.preview.totals[1]!.current.count).toBe(0);
    expect(r.preview.totals[1]!.chosen.count).toBe(r.preview.count);
    // Expanded: every renewal, the first three being the concise list's.
    const all = await previewSwitch({ partnershipId: pid, paymentMode: "partner", effectiveDate: null, all: true });
    if (!all.ok) throw new Error(all.message);
    expect(all.preview.rows).toHaveLength(r.preview.count);
    expect(all.preview.rows.slice(0, 3)).toEqual(r.preview.rows);
    expect(r.preview.rows[0]!.chosen).toMatchObject({ ok: true, payer: "Alpine Web Studio", benefit: { kind: "discount" } });
    expect(r.preview.totals[0]!.current.incl).toMatch(/CHF$/); // fr-CH writes "1 234,50 CHF"
  });

  it("refuses dates outside the next 12 months, with a field error, and changes nothing", async () => {
    asClaire();
    for (const [effectiveDate, text] of [[plusDays(0), "postérieure à aujourd’hui"], [addYears(plusDays(1)), "12 prochains mois"], ["2027-02-30", "n’existe pas"]] as const) {
      const before = await snapshot();
      const p = await readPartnership(pid);
      const r = await scheduleSwitchAction({ partnershipId: pid, paymentMode: "partner", effectiveDate, version: p.version });
      expect(r.ok).toBe(false);
      expect(r.ok ? null : r.fieldErrors?.effectiveDate?.[0]).toContain(text);
      expect(await snapshot()).toEqual(before);
    }
    expect(await countAuditEvents({ kind: "scheduled_switch.refused" })).toBeGreaterThan(0);
  });

  it("schedules, replaces and cancels; a stale version is refused each time and changes nothing", async () => {
    asClaire();
    const v1 = (await readPartnership(pid)).version;
    const scheduled = await scheduleSwitchAction({ partnershipId: pid, paymentMode: "partner", effectiveDate: plusDays(30), version: v1 });
    expect(scheduled).toMatchObject({ ok: true, version: v1 + 1 });
    expect(scheduled.message).toContain("Alpine Web Studio a été informé par e-mail");

    const stale = await snapshot();
    const again = await scheduleSwitchAction({ partnershipId: pid, paymentMode: "partner", effectiveDate: plusDays(60), version: v1 });
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("modifié par quelqu’un d’autre") });
    expect((await cancelScheduledSwitch({ partnershipId: pid, version: v1 })).ok).toBe(false);
    expect(await snapshot()).toEqual(stale);

    const replaced = await scheduleSwitchAction({ partnershipId: pid, paymentMode: "partner", effectiveDate: plusDays(60), version: v1 + 1 });
    expect(replaced).toMatchObject({ ok: true, version: v1 + 2, message: expect.stringContaining("remplacé") });
    const { db, schema } = getDatabase();
    const rows = await db.select().from(schema.scheduledSwitches).where(eq(schema.scheduledSwitches.partnershipId, pid));
    expect(rows.map((r) => [r.status, r.effectiveDate]).sort()).toEqual([["pending", plusDays(60)], ["replaced", plusDays(30)]]);

    const cancelled = await cancelScheduledSwitch({ partnershipId: pid, version: v1 + 2 });
    expect(cancelled).toMatchObject({ ok: true, version: v1 + 3 });
    const nothing = await cancelScheduledSwitch({ partnershipId: pid, version: v1 + 3 });
    expect(nothing).toMatchObject({ ok: false, message: expect.stringContaining("aucun changement planifié") });
  });

  it("refuses the same switch again, unless the partnership changed since it was scheduled (it would then be dropped)", async () => {
    asClaire();
    const v = (await readPartnership(pid)).version;
    const date = plusDays(40);
    expect(await scheduleSwitchAction({ partnershipId: pid, paymentMode: "partner", effectiveDate: date, version: v })).toMatchObject({ ok: true });
    const same = await scheduleSwitchAction({ partnershipId: pid, paymentMode: "partner", effectiveDate: date, version: v + 1 });
    expect(same).toMatchObject({ ok: false, message: expect.stringContaining("déjà planifié") });
    // Claire then changes the mode now, and back: the switch was scheduled on a partnership no longer in force.
    for (const mode of ["partner", "customer"] as const) {
      const p = (await getCustomerPartnership({ id: pid, customerOrgId: helvetia }))!;
      const actor = { userId: claire, orgId: helvetia };
      expect((await changePaymentMode({ partnership: p, expectedVersion: p.version, paymentMode: mode, actor, meta: META, messages: () => [] })).kind).toBe("changed");
    }
    const again = await scheduleSwitchAction({ partnershipId: pid, paymentMode: "partner", effectiveDate: date, version: v + 3 });
    expect(again).toMatchObject({ ok: true, version: v + 4, message: expect.stringContaining("remplacé") });
    expect(await cancelScheduledSwitch({ partnershipId: pid, version: v + 4 })).toMatchObject({ ok: true });
  });

  it("refuses the same mode, and people who may not switch, in their language", async () => {
    asClaire();
    const p = await readPartnership(pid);
    const same = await scheduleSwitchAction({ partnershipId: pid, paymentMode: p.paymentMode, effectiveDate: plusDays(10), version: p.version });
    expect(same).toMatchObject({ ok: false, message: expect.stringContaining("rien à planifier") });
    actAs(await userId("marc@alpine-web.test"), await orgId("Alpine Web Studio"));
    const marc = await scheduleSwitchAction({ partnershipId: pid, paymentMode: "partner", effectiveDate: plusDays(10), version: p.version });
    expect(marc).toMatchObject({ ok: false, message: "Diese Partnerschaft wurde nicht gefunden." });
    actAs(await userId("hanna@helvetia-bakery.test"), helvetia);
    const hanna = await previewSwitch({ partnershipId: pid, paymentMode: "partner", effectiveDate: null });
    expect(hanna).toMatchObject({ ok: false, message: expect.stringContaining("représentants légaux") });
  });
});
