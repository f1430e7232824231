// Auditors change nothing (PRODUCT.md): every mutating server action, called by Nora (platform
// auditor, no membership) with a request a legitimate user could send and with garbage, is refused,
// leaves every table as it was, and is recorded as its own kind of refused event without the input's
// secrets. A new action must be listed here: the last test fails otherwise.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import type { ActionResult } from "@/lib/action";
import type { AuditKind } from "@/lib/domain";
import { serverActionExports } from "@/lib/testing/app-modules";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, readPartnership, userId, withNewAuditEvents } from "@/lib/testing/demo";
import { fingerprint } from "@/lib/testing/fingerprint";
import { actAs } from "@/lib/testing/request-stub";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("@/lib/auth", () => { throw new Error("next-auth must not load: the session comes from the request stub"); });
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: vi.fn() }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

type MatrixRow = {
  /** `<file>#<export>`, as found by the completeness check below. */
  action: string;
  load: () => Promise<(input: unknown) => Promise<ActionResult>>;
  /** What a user allowed to act would send, built from the demo data. */
  input: () => Promise<unknown>;
  refusedKind: AuditKind;
};

const SECRET = "s3cret-token-never-stored";

/** To extend: one row per mutating action, with a valid request on the demo data. */
const MUTATING_ACTIONS: MatrixRow[] = [
  {
    action: "app/(manager)/partners/actions.ts#changePaymentMode",
    load: async () => (await import("../partners/actions")).changePaymentMode,
    input: async () => {
      const p = await readPartnership(await partnershipId("Helvetia Bakery SA", "Alpine Web Studio"));
      return { partnershipId: p.id, paymentMode: p.paymentMode === "customer" ? "partner" : "customer", version: p.version };
    },
    refusedKind: "payment_mode.refused",
  },
  {
    action: "app/(manager)/partners/lifecycle-actions.ts#invitePartner",
    load: async () => (await import("../partners/lifecycle-actions")).invitePartner,
    input: async () => ({ partnerOrgId: await orgId("Jura Hosting Partners"), access: "full", paymentMode: "partner", productIds: [] }),
    refusedKind: "partnership.action_refused",
  },
  ...(["resendInvitation", "deleteInvitation"] as const).map((name): MatrixRow => ({
    action: `app/(manager)/partners/lifecycle-actions.ts#${name}`,
    load: async () => (await import("../partners/lifecycle-actions"))[name],
    input: () => step("Zürich Legal Partners", "Alpine Web Studio"),
    refusedKind: "partnership.action_refused",
  })),
  {
    action: "app/(manager)/partners/lifecycle-actions.ts#changeAccess",
    load: async () => (await import("../partners/lifecycle-actions")).changeAccess,
    input: async () => ({ ...(await step("Helvetia Bakery SA", "Lakeside IT")), access: "full", productIds: [] }),
    refusedKind: "access.refused",
  },
  {
    action: "app/(manager)/partners/lifecycle-actions.ts#endPartnershipAsCustomer",
    load: async () => (await import("../partners/lifecycle-actions")).endPartnershipAsCustomer,
    input: async () => ({ ...(await step("Helvetia Bakery SA", "Alpine Web Studio")), password: SECRET }),
    refusedKind: "partnership.action_refused",
  },
  ...(["acceptInvitation", "refuseInvitation"] as const).map((name): MatrixRow => ({
    action: `app/(manager)/clients/actions.ts#${name}`,
    load: async () => (await import("../clients/actions"))[name],
    input: () => step("Zürich Legal Partners", "Alpine Web Studio"),
    refusedKind: "partnership.action_refused",
  })),
  {
    action: "app/(manager)/clients/actions.ts#endPartnershipAsPartner",
    load: async () => (await import("../clients/actions")).endPartnershipAsPartner,
    input: async () => ({ ...(await step("Helvetia Bakery SA", "Alpine Web Studio")), password: SECRET }),
    refusedKind: "partnership.action_refused",
  },
  {
    action: "app/(manager)/products/actions.ts#orderProduct",
    load: async () => (await import("../products/actions")).orderProduct,
    input: async () => ({ offer: "domain-ch", label: "helvetia-matrix.ch", customerOrgId: await orgId("Helvetia Bakery SA") }),
    refusedKind: "order.refused",
  },
  {
    action: "app/(manager)/products/actions.ts#renewProduct",
    load: async () => (await import("../products/actions")).renewProduct,
    input: async () => {
      const { db, schema } = getDatabase();
      const [p] = await db.select().from(schema.products).where(eq(schema.products.orgId, await orgId("Helvetia Bakery SA"))).limit(1);
      return { productId: p!.id, renewalDate: p!.renewalDate };
    },
    refusedKind: "order.refused",
  },
  {
    action: "app/(manager)/prepaid/actions.ts#requestWithdrawal",
    load: async () => (await import("../prepaid/actions")).requestWithdrawal,
    input: async () => ({ amount: "1.00" }),
    refusedKind: "prepaid.refused",
  },
  {
    action: "app/(manager)/invoices/actions.ts#payInvoice",
    load: async () => (await import("../invoices/actions")).payInvoice,
    input: async () => {
      const { db, schema } = getDatabase();
      const [inv] = await db.select().from(schema.invoices).where(eq(schema.invoices.orgId, await orgId("Alpine Web Studio"))).limit(1);
      return { invoiceId: inv!.id };
    },
    refusedKind: "invoice.payment_refused",
  },
  {
    action: "app/(manager)/partners/schedule-actions.ts#previewSwitch",
    load: async () => (await import("../partners/schedule-actions")).previewSwitch,
    input: async () => ({ partnershipId: await partnershipId("Helvetia Bakery SA", "Alpine Web Studio"), paymentMode: "partner" }),
    refusedKind: "scheduled_switch.refused",
  },
  {
    action: "app/(manager)/partners/schedule-actions.ts#scheduleSwitchAction",
    load: async () => (await import("../partners/schedule-actions")).scheduleSwitchAction,
    input: async () => {
      const p = await readPartnership(await partnershipId("Helvetia Bakery SA", "Alpine Web Studio"));
      const nextMonth = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
      return { partnershipId: p.id, paymentMode: p.paymentMode === "customer" ? "partner" : "customer", effectiveDate: nextMonth, version: p.version };
    },
    refusedKind: "scheduled_switch.refused",
  },
  {
    action: "app/(manager)/partners/schedule-actions.ts#cancelScheduledSwitch",
    load: async () => (await import("../partners/schedule-actions")).cancelScheduledSwitch,
    input: () => step("Helvetia Bakery SA", "Alpine Web Studio"),
    refusedKind: "scheduled_switch.refused",
  },
  {
    action: "app/(manager)/organization/actions.ts#saveBillingDetails",
    load: async () => (await import("../organization/actions")).saveBillingDetails,
    input: async () => ({ street: "Auditweg 1", postalCode: "8000", city: "Zürich", country: "CH", iban: "" }),
    refusedKind: "organization.refused",
  },
];

/** A partnership at the version a user would have seen. */
async function step(customer: string, partner: string) {
  const p = await readPartnership(await partnershipId(customer, partner));
  return { partnershipId: p.id, version: p.version };
}

/** Exports of app/**\/ "use server" modules that change no business data, and why they are not in the matrix. */
const NOT_IN_MATRIX: Record<string, string> = {
  "app/(auth)/login/actions.ts#login": "signs in; writes nothing",
  "app/(manager)/actions.ts#switchOrganization": "a preference cookie, only for an organization the user belongs to",
  "app/(manager)/actions.ts#signOutAction": "signs out: revokes the caller's own session only",
  "app/(manager)/actions.ts#signOutEverywhere": "signs out everywhere: revokes the caller's own sessions only",
  "app/(manager)/preferences-actions.ts#changeLocale": "the caller's own language; changes no business data (lib/i18n/preferences.test.ts)",
  "app/(manager)/preferences-actions.ts#changeLocaleFromForm": "the profile menu's form post of changeLocale",
  "app/(manager)/audit/actions.ts#retryNotification": "the auditor's one permitted write; audit/actions.test.ts covers who may use it",
  "app/(manager)/products/actions.ts#quoteNewOrder": "reads a new order's quote and writes nothing; app/authorization-matrix.test.ts shows the auditor refused",
};

describe.each(enginesUnderTest())("an auditor calling mutating actions on %s", (engine) => {
  let t: TestDatabase;
  let nora: string;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    nora = await userId("nora@manager.test");
  });
  afterAll(async () => { await t.dispose(); });

  const cases = MUTATING_ACTIONS.flatMap((row) => [
    { ...row, request: "a valid request", build: row.input },
    { ...row, request: "garbage carrying a secret", build: async () => ({ partnershipId: 42, token: SECRET, version: "NaN", paymentMode: { $ne: 1 } }) },
  ]);

  it.each(cases)("$action with $request: refused, nothing changed, one $refusedKind event", async (row) => {
    actAs(nora, null, { requestId: `req-matrix-${row.request}` });
    const action = await row.load();
    const input = await row.build();
    const before = await fingerprint();
    const { result, events } = await withNewAuditEvents(() => action(input));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/\S/);
    expect(await fingerprint()).toEqual(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: row.refusedKind, outcome: "refused", actorUserId: nora, actorOrgId: null });
    expect(JSON.stringify(events[0])).not.toContain(SECRET);
  });
});

describe("the matrix covers every server action", () => {
  it("lists each exported action of every \"use server\" module under app/, in the matrix or with a reason not to be", () => {
    const exported = serverActionExports();
    const covered = new Set([...MUTATING_ACTIONS.map((r) => r.action), ...Object.keys(NOT_IN_MATRIX)]);
    const missing = exported.filter((a) => !covered.has(a));
    expect(missing, `add these to MUTATING_ACTIONS (or NOT_IN_MATRIX with a reason) in ${path.relative(".", import.meta.filename)}`).toEqual([]);
    expect(exported).toEqual(expect.arrayContaining([...covered]));
  });
});
