// The authorization matrix: every page, every export (route handler) and every mutating action, called
// as every role on both sides, as the platform auditor and signed out, against PRODUCT.md's role table
// (written out below, independently of lib/permissions.ts). Pages, exports and actions are discovered
// from app/, so a new one fails the completeness checks until it is given its row.
// A page or export the viewer may not open answers 404 (signed out: the sign-in redirect or 404); an
// action they may not take is refused and changes nothing. The console at /audit is among them: 404
// for everyone but the auditor.
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import type { ActionResult } from "@/lib/action";
import { SESSION_EXPIRED } from "@/lib/action";
import { hashInvitationToken, newInvitationToken } from "@/lib/invitation-token";
import { appEndpoints, serverActionExports } from "@/lib/testing/app-modules";
import { enginesUnderTest } from "@/lib/testing/db";
import { seededDatabaseFor } from "@/lib/testing/demo-database";
import { orgId, partnershipId, readPartnership } from "@/lib/testing/demo";
import { fingerprint } from "@/lib/testing/fingerprint";
import { outcomeOf, session, signInAs } from "@/lib/testing/session";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());
vi.mock("@/lib/auth", () => ({ signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: vi.fn() }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

type Who = "customer_lr" | "customer_admin" | "customer_collab" | "partner_lr" | "partner_admin" | "partner_collab" | "auditor" | "nobody";

const VIEWERS: Record<Who, { email: string | null; org?: string }> = {
  customer_lr: { email: "claire@helvetia-bakery.test" },
  customer_admin: { email: "hanna@helvetia-bakery.test", org: "Helvetia Bakery SA" },
  customer_collab: { email: "luca@helvetia-bakery.test" },
  partner_lr: { email: "marc@alpine-web.test" },
  partner_admin: { email: "elena@alpine-web.test" },
  // The demo has no partner collaborator: the test adds one to Alpine Web Studio.
  partner_collab: { email: "pia@alpine-web.test" },
  auditor: { email: "nora@manager.test" },
  nobody: { email: null },
};
const EVERYONE = Object.keys(VIEWERS) as Who[];
const SIGNED_IN = EVERYONE.filter((w) => w !== "nobody");
const CUSTOMER = ["customer_lr", "customer_admin", "customer_collab"] as const;
const PARTNER = ["partner_lr", "partner_admin", "partner_collab"] as const;

/** PRODUCT.md's role table, page by page: who may open it. Everyone else gets 404. */
const PAGES: Record<string, Who[] | "redirects" | "sign-in" | "not-found"> = {
  "/": "redirects", // to the viewer's first sidebar entry, or to sign-in
  "/login": "sign-in", // open signed out; a signed-in viewer is sent on
  "/invitations/[token]": SIGNED_IN, // says who the link is for; answering is an action (below)
  "/products": [...CUSTOMER, "partner_lr", "partner_admin"],
  "/partners": ["customer_lr", "customer_admin"],
  "/partners/new": ["customer_lr", "customer_admin"],
  "/partners/[id]": ["customer_lr", "customer_admin"],
  "/clients": [...PARTNER],
  "/clients/[id]": [...PARTNER],
  "/invoices": ["customer_lr", "customer_admin", "partner_lr", "partner_admin"],
  "/invoices/[id]": ["customer_lr", "customer_admin", "partner_lr", "partner_admin"],
  "/prepaid": ["partner_lr"],
  "/organization": ["customer_lr", "customer_admin", "partner_lr", "partner_admin"],
  "/audit": ["auditor"],
  "/audit/events": ["auditor"],
  "/audit/notifications": ["auditor"],
  "/audit/partnerships/[id]": ["auditor"],
  "/[...missing]": "not-found", // every address no route answers: 404 for everyone, signed in or not
};

const ROUTES: Record<string, Who[] | "auth.js"> = {
  "/api/auth/[...nextauth]": "auth.js", // the sign-in endpoints themselves (app/api/auth/session-layer.test.ts)
  "/clients/export": [...PARTNER],
  "/invoices/[id]/pdf": ["customer_lr", "customer_admin", "partner_lr", "partner_admin"],
  "/invoices/export.csv": ["customer_lr", "customer_admin", "partner_lr", "partner_admin"],
  "/invoices/clients": ["customer_lr", "customer_admin", "partner_lr", "partner_admin"],
  "/prepaid/clients": ["partner_lr"],
  "/products/clients": ["partner_lr"], // the order panel's client search: only who may order for a client
  "/prepaid/export.csv": ["partner_lr"],
  "/audit/export": ["auditor"],
  "/audit/events/export": ["auditor"],
  "/audit/search": ["auditor"],
};

type Ids = { partnership: string; customerInvoice: string; partnerInvoice: string; token: string };
const state = {} as Ids;
const isPartner = (who: Who) => (PARTNER as readonly Who[]).includes(who);

/** The dynamic segments a legitimate viewer of that side would use: their own partnership and invoice. */
function paramsFor(route: string, who: Who): Record<string, string> {
  if (route.endsWith("/[token]")) return { token: state.token };
  if (route.startsWith("/invoices/[id]")) return { id: isPartner(who) ? state.partnerInvoice : state.customerInvoice };
  return route.includes("[id]") ? { id: state.partnership } : {};
}

type Outcome = "ok" | "404" | "redirect";

async function openPage(route: string, who: Who): Promise<Outcome> {
  const file = route === "/" ? "(manager)/page"
    : route === "/[...missing]" ? "(missing)/[...missing]/page"
    : route === "/login" || route.startsWith("/invitations") ? `(auth)${route}/page` : `(manager)${route}/page`;
  const { default: Page } = (await import(/* @vite-ignore */ `./${file}.tsx`)) as { default: (props: unknown) => Promise<unknown> };
  const out = await outcomeOf(() => Page({ params: Promise.resolve(paramsFor(route, who)), searchParams: Promise.resolve({}) }));
  return out === "404" || out === "redirect" ? out : "ok";
}

/** Query strings a route needs to answer at all (a search route refuses a request without its kind). */
const ROUTE_QUERY: Record<string, string> = { "/audit/search": "?kind=org&q=a", "/invoices/clients": "?q=a", "/prepaid/clients": "?q=a", "/products/clients": "?q=a" };

async function callRoute(route: string, who: Who): Promise<Outcome> {
  const { GET } = (await import(/* @vite-ignore */ `./(manager)${route}/route.ts`)) as { GET: (req: NextRequest, ctx: unknown) => Promise<Response> };
  const out = await outcomeOf(() => GET(new NextRequest(`https://manager.example.test${route}${ROUTE_QUERY[route] ?? ""}`), { params: Promise.resolve(paramsFor(route, who)) }));
  if (out === "404" || out === "redirect") return out;
  await out.body?.cancel(); // the download is not read: its export gives its slot back (lib/server/export-slots.ts)
  if (out.status === 200) return "ok";
  if (out.status === 404) return "404";
  throw new Error(`${route} answered ${out.status} to ${who}`);
}

/** The mutating actions and who may take them; the input is what that side's legitimate user would send. */
type ActionRow = { allowed: Who[]; load: () => Promise<(input: unknown) => Promise<ActionResult>>; input: (who: Who) => Promise<unknown> };
const step = async (customer: string, partner: string) => {
  const p = await readPartnership(await partnershipId(customer, partner));
  return { partnershipId: p.id, version: p.version };
};
const RIGHT_PASSWORD = "manager-demo"; // a lapse in the checks would then really end the partnership, and show

const ACTIONS: Record<string, ActionRow> = {
  "app/(manager)/partners/actions.ts#changePaymentMode": {
    allowed: ["customer_lr"],
    load: async () => (await import("./(manager)/partners/actions")).changePaymentMode,
    input: async () => ({ ...(await step("Helvetia Bakery SA", "Alpine Web Studio")), paymentMode: "partner" }),
  },
  "app/(manager)/partners/schedule-actions.ts#previewSwitch": {
    // Read only, but the customer's figures: refused like a change to anyone who may not make it.
    allowed: ["customer_lr"],
    load: async () => (await import("./(manager)/partners/schedule-actions")).previewSwitch,
    input: async () => ({ partnershipId: (await step("Helvetia Bakery SA", "Alpine Web Studio")).partnershipId, paymentMode: "partner", effectiveDate: null }),
  },
  "app/(manager)/partners/schedule-actions.ts#scheduleSwitchAction": {
    allowed: ["customer_lr"],
    load: async () => (await import("./(manager)/partners/schedule-actions")).scheduleSwitchAction,
    input: async () => ({
      ...(await step("Helvetia Bakery SA", "Alpine Web Studio")), paymentMode: "partner",
      effectiveDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
    }),
  },
  "app/(manager)/partners/schedule-actions.ts#cancelScheduledSwitch": {
    allowed: ["customer_lr"],
    load: async () => (await import("./(manager)/partners/schedule-actions")).cancelScheduledSwitch,
    input: () => step("Helvetia Bakery SA", "Alpine Web Studio"),
  },
  "app/(manager)/partners/lifecycle-actions.ts#invitePartner": {
    allowed: ["customer_lr"],
    load: async () => (await import("./(manager)/partners/lifecycle-actions")).invitePartner,
    input: async () => ({ partnerOrgId: await orgId("Jura Hosting Partners"), access: "full", paymentMode: "customer", productIds: [] }),
  },
  "app/(manager)/partners/lifecycle-actions.ts#resendInvitation": {
    allowed: ["customer_lr"],
    load: async () => (await import("./(manager)/partners/lifecycle-actions")).resendInvitation,
    input: () => step("Zürich Legal Partners", "Alpine Web Studio"),
  },
  "app/(manager)/partners/lifecycle-actions.ts#deleteInvitation": {
    allowed: ["customer_lr"],
    load: async () => (await import("./(manager)/partners/lifecycle-actions")).deleteInvitation,
    input: () => step("Zürich Legal Partners", "Alpine Web Studio"),
  },
  "app/(manager)/partners/lifecycle-actions.ts#changeAccess": {
    allowed: ["customer_lr"],
    load: async () => (await import("./(manager)/partners/lifecycle-actions")).changeAccess,
    input: async () => ({ ...(await step("Helvetia Bakery SA", "Alpine Web Studio")), access: "limited", productIds: [] }),
  },
  "app/(manager)/partners/lifecycle-actions.ts#endPartnershipAsCustomer": {
    allowed: ["customer_lr"],
    load: async () => (await import("./(manager)/partners/lifecycle-actions")).endPartnershipAsCustomer,
    input: async () => ({ ...(await step("Helvetia Bakery SA", "Alpine Web Studio")), password: RIGHT_PASSWORD }),
  },
  "app/(manager)/clients/actions.ts#acceptInvitation": {
    allowed: ["partner_lr"],
    load: async () => (await import("./(manager)/clients/actions")).acceptInvitation,
    input: () => step("Zürich Legal Partners", "Alpine Web Studio"),
  },
  "app/(manager)/clients/actions.ts#refuseInvitation": {
    allowed: ["partner_lr"],
    load: async () => (await import("./(manager)/clients/actions")).refuseInvitation,
    input: () => step("Zürich Legal Partners", "Alpine Web Studio"),
  },
  "app/(manager)/clients/actions.ts#endPartnershipAsPartner": {
    allowed: ["partner_lr"],
    load: async () => (await import("./(manager)/clients/actions")).endPartnershipAsPartner,
    input: async () => ({ ...(await step("Helvetia Bakery SA", "Alpine Web Studio")), password: RIGHT_PASSWORD }),
  },
  "app/(manager)/products/actions.ts#orderProduct": {
    allowed: ["customer_lr", "customer_admin", "partner_lr"],
    load: async () => (await import("./(manager)/products/actions")).orderProduct,
    input: async () => ({ offer: "domain-ch", label: "matrix-order.ch", customerOrgId: await orgId("Helvetia Bakery SA") }),
  },
  "app/(manager)/products/actions.ts#quoteNewOrder": {
    // Read only, but a client's prices and who pays: refused like an order to anyone who may not place it.
    allowed: ["customer_lr", "customer_admin", "partner_lr"],
    load: async () => (await import("./(manager)/products/actions")).quoteNewOrder,
    input: async () => ({ customerOrgId: await orgId("Helvetia Bakery SA") }),
  },
  "app/(manager)/products/actions.ts#renewProduct": {
    allowed: ["customer_lr", "customer_admin", "partner_lr"],
    load: async () => (await import("./(manager)/products/actions")).renewProduct,
    input: async () => {
      const { db, schema } = getDatabase();
      const [p] = await db.select().from(schema.products).where(eq(schema.products.orgId, await orgId("Helvetia Bakery SA"))).limit(1);
      return { productId: p!.id, renewalDate: p!.renewalDate };
    },
  },
  "app/(manager)/prepaid/actions.ts#requestWithdrawal": {
    allowed: ["partner_lr"],
    load: async () => (await import("./(manager)/prepaid/actions")).requestWithdrawal,
    input: async () => ({ amount: "1.00" }),
  },
  "app/(manager)/invoices/actions.ts#payInvoice": {
    allowed: ["partner_lr"],
    load: async () => (await import("./(manager)/invoices/actions")).payInvoice,
    // A partner's own invoice for its legal representative; to the customer's side it is another organization's.
    input: async (who) => ({ invoiceId: isPartner(who) ? state.partnerInvoice : state.customerInvoice }),
  },
  "app/(manager)/organization/actions.ts#saveBillingDetails": {
    allowed: ["customer_lr", "partner_lr"],
    load: async () => (await import("./(manager)/organization/actions")).saveBillingDetails,
    input: async () => ({ street: "Matrixweg 1", postalCode: "8000", city: "Zürich", country: "CH", iban: "" }),
  },
  "app/(manager)/audit/actions.ts#retryNotification": {
    allowed: ["auditor"],
    load: async () => (await import("./(manager)/audit/actions")).retryNotification,
    input: async () => ({ notificationId: "outbox-failed-matrix" }),
  },
};

/** Actions that change no business data, and why they are not above. */
const NOT_MUTATING: Record<string, string> = {
  "app/(auth)/login/actions.ts#login": "signs in (app/api/auth/session-layer.test.ts)",
  "app/(manager)/actions.ts#switchOrganization": "a preference cookie, only for an organization the user belongs to",
  "app/(manager)/actions.ts#signOutAction": "revokes the caller's own session (app/api/auth/session-layer.test.ts)",
  "app/(manager)/actions.ts#signOutEverywhere": "revokes the caller's own sessions (app/api/auth/session-layer.test.ts)",
  "app/(manager)/preferences-actions.ts#changeLocale": "the caller's own language (lib/i18n/preferences.test.ts)",
  "app/(manager)/preferences-actions.ts#changeLocaleFromForm": "the profile menu's form post of changeLocale",
};

describe("the matrix is complete", () => {
  it("has a row for every page and every route handler under app/", () => {
    const { pages, routes } = appEndpoints();
    expect(Object.keys(PAGES).sort()).toEqual(pages);
    expect(Object.keys(ROUTES).sort()).toEqual(routes);
  });

  it("has a row for every exported server action", () => {
    expect(serverActionExports().sort()).toEqual([...Object.keys(ACTIONS), ...Object.keys(NOT_MUTATING)].sort());
  });
});

describe.each(enginesUnderTest())("authorization matrix on %s", (engine) => {
  seededDatabaseFor(engine);
  beforeAll(async () => {
    const { db, schema } = getDatabase();
    const alpine = await orgId("Alpine Web Studio");
    const [elena] = await db.select().from(schema.users).where(eq(schema.users.email, "elena@alpine-web.test"));
    await db.insert(schema.users).values({ ...elena!, id: "user-pia", email: "pia@alpine-web.test", name: "Pia Collab" });
    await db.insert(schema.memberships).values({ userId: "user-pia", orgId: alpine, role: "collaborator", createdAt: new Date() });
    state.partnership = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    const invoices = await db.select({ id: schema.invoices.id, orgId: schema.invoices.orgId }).from(schema.invoices);
    const helvetia = await orgId("Helvetia Bakery SA");
    state.customerInvoice = invoices.find((i) => i.orgId === helvetia)!.id;
    state.partnerInvoice = invoices.find((i) => i.orgId === alpine)!.id;
    // A failed email, which the auditor (and only the auditor) may queue again.
    await db.insert(schema.outbox).values({
      id: "outbox-failed-matrix", dedupeKey: "matrix:failed", template: "payment-mode-changed", toAddress: "marc@alpine-web.test",
      subject: "s", textBody: "t", htmlBody: "<p>t</p>", status: "failed", attempts: 80, nextAttemptAt: new Date(), createdAt: new Date(),
    });
    // A live invitation link for the pending Zürich Legal Partners → Alpine Web Studio partnership.
    state.token = newInvitationToken();
    await db.insert(schema.invitations).values({
      id: "invitation-matrix", partnershipId: await partnershipId("Zürich Legal Partners", "Alpine Web Studio"),
      tokenHash: hashInvitationToken(state.token), expiresAt: new Date(Date.now() + 86_400_000), createdAt: new Date(),
    });
  });

  const as = async (who: Who) => {
    const v = VIEWERS[who];
    await signInAs(v.email, v.org);
    expect(session.userId === null).toBe(who === "nobody");
  };

  describe("pages", () => {
    const cases = Object.entries(PAGES).flatMap(([route, allowed]) => EVERYONE.map((who) => ({ route, who, allowed })));
    it.each(cases)("$route as $who", async ({ route, who, allowed }) => {
      await as(who);
      const got = await openPage(route, who);
      if (allowed === "redirects") expect(got).toBe("redirect");
      else if (allowed === "not-found") expect(got).toBe("404");
      else if (allowed === "sign-in") expect(got).toBe(who === "nobody" ? "ok" : "redirect");
      else if (allowed.includes(who)) expect(got).toBe("ok");
      else expect(got).toBe(who === "nobody" ? "redirect" : "404");
    });
  });

  describe("exports (route handlers)", () => {
    const cases = Object.entries(ROUTES).flatMap(([route, allowed]) =>
      allowed === "auth.js" ? [] : EVERYONE.map((who) => ({ route, who, allowed })));
    it.each(cases)("$route as $who", async ({ route, who, allowed }) => {
      await as(who);
      const got = await callRoute(route, who);
      if (allowed.includes(who)) expect(got).toBe("ok");
      else if (who === "nobody") expect(["404", "redirect"]).toContain(got);
      else expect(got).toBe("404");
    });
  });

  describe("the auditor's console", () => {
    const audit = [...Object.keys(PAGES), ...Object.keys(ROUTES)].filter((r) => r.startsWith("/audit"));
    it("is every page and export under /audit, and 404 for each non-auditor", async () => {
      expect(audit.length).toBeGreaterThanOrEqual(6);
      for (const route of audit) {
        for (const who of SIGNED_IN.filter((w) => w !== "auditor")) {
          await as(who);
          expect(route in PAGES ? await openPage(route, who) : await callRoute(route, who), `${route} as ${who}`).toBe("404");
        }
      }
    });
  });

  describe("actions", () => {
    const cases = Object.entries(ACTIONS).flatMap(([action, row]) =>
      EVERYONE.filter((who) => !row.allowed.includes(who)).map((who) => ({ action, who, row })));
    it.each(cases)("$action refuses $who and changes nothing", async ({ who, row }) => {
      await as(who);
      const action = await row.load();
      const input = await row.input(who);
      const before = await fingerprint();
      const result = await action(input);
      expect(result.ok).toBe(false);
      if (who === "nobody") expect(result.message).toBe(SESSION_EXPIRED);
      expect(await fingerprint()).toEqual(before);
    });
  });
});
