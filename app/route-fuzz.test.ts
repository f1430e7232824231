// Every route handler under app/ (exports, the PDF, the filters' search routes) and every page, fuzzed in-process with
// hostile query strings and path parameters on every engine, signed in as a user who may open it (so the
// input reaches the data layer): none may throw (other than Next's control flow), answer anything but
// 200, 400 or 404, fail while its body is read, log an error or change a stored row; the audit chain
// still verifies. Auth.js's own route (app/api/auth) is its library's, fuzzed over HTTP by
// e2e/hostile-requests.spec.ts and app/api/auth/session-layer.test.ts. Server actions: app/action-fuzz.test.ts.
import path from "node:path";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { verifyAuditChain } from "@/db/audit-verify";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, orgId, userId } from "@/lib/testing/demo";
import { outcomeOf } from "@/lib/testing/session";
import { filesUnder, routeOf } from "@/lib/testing/app-modules";
import { fingerprint } from "@/lib/testing/fingerprint";
import { actAs } from "@/lib/testing/request-stub";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

const RUNS = Number(process.env.FUZZ_ROUTE_RUNS ?? 250);

// Who opens each route (a user it answers 200 for): a route without a row fails the test, so a new
// route is fuzzed from the day it exists.
const CALLERS: Record<string, { email: string; org?: string }> = {
  "/invoices/export.csv": { email: "claire@helvetia-bakery.test", org: "Helvetia Bakery SA" },
  "/invoices/[id]/pdf": { email: "claire@helvetia-bakery.test", org: "Helvetia Bakery SA" },
  "/invoices/clients": { email: "marc@alpine-web.test", org: "Alpine Web Studio" },
  "/prepaid/export.csv": { email: "marc@alpine-web.test", org: "Alpine Web Studio" },
  "/prepaid/clients": { email: "marc@alpine-web.test", org: "Alpine Web Studio" },
  "/products/clients": { email: "marc@alpine-web.test", org: "Alpine Web Studio" },
  "/clients/export": { email: "marc@alpine-web.test", org: "Alpine Web Studio" },
  "/audit/export": { email: "nora@manager.test" },
  "/audit/events/export": { email: "nora@manager.test" },
  "/audit/search": { email: "nora@manager.test" },
};

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Every route.ts under app/ but Auth.js's, by its URL pattern ("/invoices/[id]/pdf"). */
async function routes(): Promise<[string, Handler][]> {
  const out: [string, Handler][] = [];
  for (const file of filesUnder("app").filter((f) => f.endsWith("/route.ts") && !f.startsWith("app/api/"))) {
    const mod = (await import(path.resolve(file))) as { GET?: Handler };
    if (mod.GET) out.push([routeOf(file), mod.GET]);
  }
  return out;
}

// Every query parameter a route or its list filter reads, and names that attack parsers.
const PARAMS = [
  "q", "kind", "status", "client", "from", "to", "after", "before", "cursor", "customer", "partner", "org", "actor", "access",
  "mode", "outcome", "state", "lang", "locale", "__proto__", "constructor", "toString", "",
];
const unit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const hostile = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit, maxLength: 20 }),
  fc.constantFrom(
    "", " ", "\u0000", "\ud800", "%", "%%", "%E0%A4%A", "%00", "+", "&", "=", "..", "../../etc/passwd", "NaN", "-1", "0", "1e309",
    "2026-02-30", "2026-12-24", "9999-12-31", "0000-00-00", "org", "partner", "user", "overdue", "paid", "unpaid", "credit",
    "limited", "full", "refused", "ok", "'; DROP TABLE invoices; --", "1700000000000_x", "9".repeat(30) + "_" + "x".repeat(20),
    "x".repeat(70), "x".repeat(20_000), "00000000-0000-4000-8000-000000000000",
  ),
);
// Besides the random queries, every parameter alone holds each of these, on every route and page: a
// random draw may never put a NUL byte in `q` (PostgreSQL refuses text holding one: that was a 500).
const EDGE_VALUES = ["\u0000", "a\u0000b", "%00", "\ud800", "a\ud800b", "%", "_", "\\", "'", "x".repeat(20_000)];
const edgeQueries = (): Record<string, string>[] => PARAMS.flatMap((name) => EDGE_VALUES.map((value) => ({ [name]: value })));

const query = fc.oneof(
  fc.dictionary(fc.constantFrom(...PARAMS), hostile, { maxKeys: 6 }).map((d) => new URLSearchParams(d).toString()),
  fc.array(fc.tuple(fc.constantFrom(...PARAMS), hostile), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc.string({ unit: fc.constantFrom("%", "&", "=", "?", "#", "a", "q", "1", "é", "\u0000", " ", "+", "/"), maxLength: 40 }),
);

describe.each(enginesUnderTest())("route handlers fuzzed on %s", (engine) => {
  let t: TestDatabase;
  let invoiceIds: string[];
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    const { db, schema } = getDatabase();
    // Invoices Claire may open (the PDF route's caller), so that some paths reach the renderer.
    const helvetia = await orgId("Helvetia Bakery SA");
    invoiceIds = (await db.select({ id: schema.invoices.id }).from(schema.invoices).where(eq(schema.invoices.orgId, helvetia)).limit(3)).map((r) => r.id);
    expect(invoiceIds.length).toBeGreaterThan(0);
  });
  afterAll(async () => { await t.dispose(); });

  it(`answers ${RUNS} hostile queries per route with 200, 400 or 404, reads every body, changes nothing`, { timeout: 600_000 }, async () => {
    const handlers = await routes();
    expect(handlers.length).toBeGreaterThanOrEqual(10);
    expect(handlers.map(([url]) => url).filter((url) => !CALLERS[url])).toEqual([]);
    const errors = vi.spyOn(console, "error");
    const before = await fingerprint();
    const eventsBefore = await countAuditEvents();
    const id = fc.oneof(hostile, fc.constantFrom(...invoiceIds));
    for (const [url, GET] of handlers) {
      const caller = CALLERS[url]!;
      actAs(await userId(caller.email), caller.org ? await orgId(caller.org) : null);
      let ok = 0;
      await fc.assert(fc.asyncProperty(query, id, async (q, rawId) => {
        const target = `https://manager.example.test${url.replace("[id]", encodeURIComponent(rawId.toWellFormed()) || "x")}${q ? `?${q}` : ""}`;
        let response: Response;
        try {
          response = await GET(new NextRequest(target), { params: Promise.resolve({ id: rawId }) });
        } catch (error) {
          throw new Error(`${url} threw for ${target.slice(0, 300)}: ${String(error)}`);
        }
        expect([200, 400, 404], `${url} ${target.slice(0, 300)}`).toContain(response.status);
        // The whole body, as a client reads it: a download that breaks half-way is a failure too.
        await response.arrayBuffer();
        if (response.status === 200) ok++;
      }), { numRuns: RUNS, seed: 20_261_201 });
      for (const edge of edgeQueries()) {
        const target = `https://manager.example.test${url.replace("[id]", invoiceIds[0]!)}?${new URLSearchParams(edge)}`;
        let response: Response;
        try {
          response = await GET(new NextRequest(target), { params: Promise.resolve({ id: invoiceIds[0]! }) });
        } catch (error) {
          throw new Error(`${url} threw for ${JSON.stringify(edge).slice(0, 100)}: ${String(error)}`);
        }
        expect([200, 400, 404], `${url} ${JSON.stringify(edge).slice(0, 100)}`).toContain(response.status);
        await response.arrayBuffer();
      }
      // The caller may open it: the hostile queries reached the data layer rather than a refusal.
      expect(ok, `${url} answered 200 to none of the queries`).toBeGreaterThan(0);
    }
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(await fingerprint()).toEqual(before);
    expect(await countAuditEvents()).toBe(eventsBefore);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  // The pages whose address holds an id: the same hostile ids reach their queries (a NUL byte made
  // PostgreSQL refuse the query: a 500), and each must answer Next's 404 instead.
  const ID_PAGES: Record<string, string> = {
    "invoices/[id]": "claire@helvetia-bakery.test",
    "partners/[id]": "claire@helvetia-bakery.test",
    "clients/[id]": "marc@alpine-web.test",
    "audit/partnerships/[id]": "nora@manager.test",
  };
  it.each(Object.entries(ID_PAGES))("/%s answers 404 to every id that is not one of its rows", { timeout: 120_000 }, async (page, email) => {
    type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> };
    const mod = (await import(/* @vite-ignore */ `./(manager)/${page}/page.tsx`)) as { default: (p: Props) => Promise<unknown>; generateMetadata?: (p: Props) => Promise<unknown> };
    actAs(await userId(email));
    const errors = vi.spyOn(console, "error");
    await fc.assert(fc.asyncProperty(hostile, fc.dictionary(fc.constantFrom(...PARAMS, "notice"), hostile, { maxKeys: 3 }), async (id, search) => {
      const props = () => ({ params: Promise.resolve({ id }), searchParams: Promise.resolve(search) });
      expect(await outcomeOf(() => mod.default(props())), JSON.stringify(id).slice(0, 80)).toBe("404");
      await outcomeOf(async () => mod.generateMetadata?.(props()));
    }), { numRuns: Math.ceil(RUNS / 5), seed: 20_261_201 });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  // Every other page under (manager), with hostile query strings (filters, cursors, notices), as a user
  // who may open it: the page's own reads run (those of the components it renders run in React, which
  // this does not: the e2e suite renders them) and nothing throws but Next's control flow.
  const LIST_CALLERS: Record<string, string> = {
    "/audit/events": "nora@manager.test", "/audit/notifications": "nora@manager.test", "/audit": "nora@manager.test",
    "/clients": "marc@alpine-web.test", "/products": "marc@alpine-web.test", "/prepaid": "marc@alpine-web.test",
  };
  it("answers hostile query strings on every other page without a throw", { timeout: 300_000 }, async () => {
    const files = filesUnder(path.join("app", "(manager)")).filter((f) => f.endsWith("/page.tsx") && !f.includes("["));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const errors = vi.spyOn(console, "error");
    for (const file of files) {
      const page = routeOf(file);
      const mod = (await import(path.resolve(file))) as { default: (p: unknown) => Promise<unknown> };
      actAs(await userId(LIST_CALLERS[page] ?? "claire@helvetia-bakery.test"));
      await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom(...PARAMS, "notice", "page"), fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })), { maxKeys: 5 }), async (search) => {
        try {
          await outcomeOf(() => mod.default({ params: Promise.resolve({}), searchParams: Promise.resolve(search) }));
        } catch (error) {
          throw new Error(`${page} threw for ${JSON.stringify(search).slice(0, 300)}: ${String(error)}`);
        }
      }), { numRuns: Math.ceil(RUNS / 5), seed: 20_261_201 });
      for (const edge of [...edgeQueries(), { notice: "\u0000" }, { page: "\u0000" }]) {
        try {
          await outcomeOf(() => mod.default({ params: Promise.resolve({}), searchParams: Promise.resolve(edge) }));
        } catch (error) {
          throw new Error(`${page} threw for ${JSON.stringify(edge).slice(0, 100)}: ${String(error)}`);
        }
      }
    }
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  // The sign-in page (its `next` and whatever else a link carries) and an invitation link, signed in and
  // out. A path segment arrives decoded from UTF-8, so it is always well-formed text.
  it("answers hostile sign-in queries and invitation tokens, signed in or out, without a throw", { timeout: 120_000 }, async () => {
    type Props = { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string | string[]>> };
    const { default: Login } = (await import("./(auth)/login/page")) as unknown as { default: (p: Props) => Promise<unknown> };
    const { default: Invitation } = (await import("./(auth)/invitations/[token]/page")) as unknown as { default: (p: Props) => Promise<unknown> };
    const errors = vi.spyOn(console, "error");
    const marc = await userId("marc@alpine-web.test");
    await fc.assert(fc.asyncProperty(
      fc.boolean(), fc.dictionary(fc.constantFrom("next", "error", "callbackUrl", "email", ...PARAMS), fc.oneof(hostile, fc.array(hostile, { maxLength: 2 })), { maxKeys: 4 }),
      hostile.map((s) => s.toWellFormed()),
      async (signedIn, search, token) => {
        actAs(signedIn ? marc : null);
        const login = await outcomeOf(() => Login({ params: Promise.resolve({}), searchParams: Promise.resolve(search) }));
        // Signed in, the sign-in page sends the user on (to a page of ours: lib/safe-redirect.ts).
        if (signedIn) expect(login).toBe("redirect");
        await outcomeOf(() => Invitation({ params: Promise.resolve({ token }), searchParams: Promise.resolve({}) }));
      },
    ), { numRuns: RUNS, seed: 20_261_201 });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
