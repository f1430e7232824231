// The real session layer, end to end inside one process: the Auth.js route handler signs in with a real
// CSRF token and sets the real (encrypted, secure) cookie; lib/request.ts, lib/auth.ts and lib/session.ts
// read it back unmocked. Only Next's request context (`next/headers`) is played by a cookie jar, since
// there is no Next server here. What it proves:
// - sign-out and "sign out everywhere" revoke sessions: a replayed cookie then behaves exactly like none;
// - the sign-in throttle holds against 40 parallel guesses, rotated X-Forwarded-For and rotated addresses;
// - the audit trail keeps the server's request id and the TCP peer, not what the client claims.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PEER_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/lib/client-address";
import { enginesUnderTest } from "@/lib/testing/db";
import { seededDatabaseFor } from "@/lib/testing/demo-database";
import { partnershipId, readPartnership, withNewAuditEvents } from "@/lib/testing/demo";
import { outcomeOf } from "@/lib/testing/session";

const APP = "https://manager.example.test";

const jar = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: {} as Record<string, string> }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({
    ...jar.headers, host: "manager.example.test", "x-forwarded-proto": "https",
    cookie: [...jar.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
  }),
  cookies: async () => ({
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name)! } : undefined),
    set: (name: string, value: string, options?: { maxAge?: number; expires?: Date }) => {
      const expired = options?.maxAge === 0 || (options?.expires && options.expires.getTime() <= Date.now());
      if (expired || value === "") jar.cookies.delete(name);
      else jar.cookies.set(name, value);
    },
    delete: (name: string) => jar.cookies.delete(name),
  }),
}));
const checks = vi.hoisted(() => ({ n: 0 }));
vi.mock("@/lib/password", async (original) => {
  const real = await original<typeof import("@/lib/password")>();
  return { ...real, verifyPassword: async (...args: Parameters<typeof real.verifyPassword>) => { checks.n++; return real.verifyPassword(...args); } };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: () => {} }));
vi.stubEnv("APP_URL", APP);
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");
vi.stubEnv("TRUSTED_PROXY_HOPS", "0");

const { GET, POST } = await import("./[...nextauth]/route");
const { getViewer } = await import("@/lib/session");
const { signOutAction, signOutEverywhere } = await import("@/app/(manager)/actions");
const { changePaymentMode } = await import("@/app/(manager)/partners/actions");
const { GET: exportInvoices } = await import("@/app/(manager)/invoices/export.csv/route");
const { default: InvoicesPage } = await import("@/app/(manager)/invoices/page");

const SESSION_COOKIE = "__Secure-authjs.session-token";
const cookiePairs = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!.split("=") as [string, string]);

/** A browser's CSRF round trip, then the credentials form, through the real route handlers. */
async function signInThroughHandler(email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await GET(new NextRequest(`${APP}/api/auth/csrf`, { headers }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = cookiePairs(csrf).map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await POST(new NextRequest(`${APP}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${APP}/partners` }),
  }));
  return res;
}

async function signedInCookie(email: string): Promise<string> {
  const res = await signInThroughHandler(email, "manager-demo", { [PEER_ADDRESS_HEADER]: "198.51.100.30" });
  const session = cookiePairs(res).find(([k]) => k === SESSION_COOKIE);
  if (!session) throw new Error(`no session cookie for ${email}: ${res.headers.get("location")}`);
  return session[1];
}

function sendCookie(value: string | null) {
  jar.cookies.clear();
  if (value) jar.cookies.set(SESSION_COOKIE, value);
}

/** What a request with this cookie (or none) gets from a page, an export, an action and the viewer. */
async function whatItGets(cookie: string | null) {
  sendCookie(cookie);
  const id = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
  const csv = await outcomeOf(() => exportInvoices(new NextRequest(`${APP}/invoices/export.csv`)));
  if (typeof csv !== "string") await csv.body?.cancel(); // not read: its export slot is given back
  return {
    viewer: (await getViewer())?.email ?? null,
    page: await outcomeOf(async () => { await InvoicesPage({ searchParams: Promise.resolve({}) } as never); return "rendered"; }),
    export: typeof csv === "string" ? csv : csv.status,
    action: await changePaymentMode({ partnershipId: id, paymentMode: "partner", version: (await readPartnership(id)).version }),
  };
}

describe.each(enginesUnderTest())("the real session layer on %s", (engine) => {
  seededDatabaseFor(engine);
  beforeEach(() => {
    jar.cookies.clear();
    jar.headers = { [PEER_ADDRESS_HEADER]: "198.51.100.30", [REQUEST_ID_HEADER]: randomUUID() };
  });

  it("signs in through the handler with a secure, http-only cookie that the app then recognises", async () => {
    const res = await signInThroughHandler("claire@helvetia-bakery.test", "manager-demo");
    expect(res.headers.get("location")).toBe(`${APP}/partners`);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    sendCookie(setCookie!.split(";")[0]!.split("=")[1]!);
    expect((await getViewer())?.email).toBe("claire@helvetia-bakery.test");
  });

  it("sends a sign-in's redirect only to our own pages", async () => {
    const csrf = await GET(new NextRequest(`${APP}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    for (const callbackUrl of ["https://evil.example/x", "/\\evil.example/x", "//evil.example", `${APP}//evil.example`]) {
      const res = await POST(new NextRequest(`${APP}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf).map(([k, v]) => `${k}=${v}`).join("; "), [PEER_ADDRESS_HEADER]: "198.51.100.31" },
        body: new URLSearchParams({ csrfToken, email: "hanna@helvetia-bakery.test", password: "manager-demo", callbackUrl }),
      }));
      expect(res.headers.get("location"), callbackUrl).toBe(`${APP}/`);
    }
  });

  it("after sign-out, a copy of the old cookie gets exactly what no cookie gets", async () => {
    const cookie = await signedInCookie("claire@helvetia-bakery.test");
    const signedIn = await whatItGets(cookie);
    expect(signedIn).toMatchObject({ viewer: "claire@helvetia-bakery.test", page: "rendered", export: 200 });

    sendCookie(cookie);
    expect(await outcomeOf(() => signOutAction())).toBe("redirect");
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);

    const replayed = await whatItGets(cookie);
    expect(replayed).toEqual(await whatItGets(null));
    expect(replayed).toMatchObject({ viewer: null, page: "redirect", action: { ok: false } });
  });

  it("Auth.js's own endpoints: its session endpoint tells nothing of a revoked session, and its sign-out ends the session row", async () => {
    const sessionFor = async (cookie: string) => {
      sendCookie(cookie);
      return (await GET(new NextRequest(`${APP}/api/auth/session`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } }))).json();
    };
    const cookie = await signedInCookie("claire@helvetia-bakery.test");
    expect(await sessionFor(cookie)).toMatchObject({ user: { email: "claire@helvetia-bakery.test" } });
    sendCookie(cookie);
    expect(await outcomeOf(() => signOutAction())).toBe("redirect");
    expect(await sessionFor(cookie)).toBeNull();

    // Signing out through Auth.js's own endpoint (a form posting to /api/auth/signout) revokes the row too.
    const other = await signedInCookie("claire@helvetia-bakery.test");
    expect(await whatItGets(other)).toMatchObject({ viewer: "claire@helvetia-bakery.test" });
    const csrf = await GET(new NextRequest(`${APP}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await POST(new NextRequest(`${APP}/api/auth/signout`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: [...cookiePairs(csrf).map(([k, v]) => `${k}=${v}`), `${SESSION_COOKIE}=${other}`].join("; "),
      },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${APP}/login` }),
    }));
    expect(res.status).toBe(302);
    expect(await whatItGets(other)).toEqual(await whatItGets(null));
  });

  it("sign out everywhere ends every session of that user, and only theirs", async () => {
    const [laptop, phone, other] = [
      await signedInCookie("marc@alpine-web.test"), await signedInCookie("marc@alpine-web.test"), await signedInCookie("elena@alpine-web.test"),
    ];
    sendCookie(phone);
    expect((await getViewer())?.email).toBe("marc@alpine-web.test");
    expect(await outcomeOf(() => signOutEverywhere())).toBe("redirect");
    for (const cookie of [laptop, phone]) {
      sendCookie(cookie);
      expect(await getViewer()).toBeNull();
    }
    sendCookie(other);
    expect((await getViewer())?.email).toBe("elena@alpine-web.test");
  });

  it("counts a tampered, foreign or expired cookie as no session, even after its genuine twin was read", async () => {
    const { encode } = await import("@auth/core/jwt");
    const cookie = await signedInCookie("claire@helvetia-bakery.test");
    sendCookie(cookie);
    expect((await getViewer())?.email).toBe("claire@helvetia-bakery.test"); // now decoded and remembered
    const flipped = `${cookie.slice(0, 40)}${cookie[40] === "A" ? "B" : "A"}${cookie.slice(41)}`;
    const { userId } = await import("@/lib/testing/demo");
    const sub = await userId("claire@helvetia-bakery.test");
    const foreign = await encode({ token: { sub, sid: "forged" }, secret: "another-secret-of-at-least-32-characters!", salt: SESSION_COOKIE });
    const expired = await encode({ token: { sub, sid: "expired" }, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE, maxAge: -60 });
    for (const bad of [flipped, foreign, expired, "not-a-token"]) {
      sendCookie(bad);
      expect(await getViewer()).toBeNull();
    }
  });

  it("forgets a remembered cookie at its token's expiry, even while its session row is still live", async () => {
    const { decode, encode } = await import("@auth/core/jwt");
    const real = await signedInCookie("claire@helvetia-bakery.test");
    const payload = await decode({ token: real, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
    // The same live session, in a token that expires in a minute (its row lives for hours).
    const short = await encode({ token: { sub: payload!.sub, sid: payload!.sid }, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE, maxAge: 60 });
    sendCookie(short);
    expect((await getViewer())?.email).toBe("claire@helvetia-bakery.test"); // decoded and remembered
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * 60_000 });
    try {
      sendCookie(short);
      expect(await getViewer()).toBeNull();
      sendCookie(real); // the long-lived cookie of the same session still counts
      expect((await getViewer())?.email).toBe("claire@helvetia-bakery.test");
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps only cookies that decoded to a session, and at most SESSION_CACHE_MAX of them", async () => {
    const { encode } = await import("@auth/core/jwt");
    const { getSessionRef } = await import("@/lib/request");
    const { decodedSessions, SESSION_CACHE_MAX } = await import("@/lib/session-cookie-cache");
    const sessionCacheSize = () => decodedSessions.size;
    const cookie = await signedInCookie("claire@helvetia-bakery.test");
    sendCookie(cookie);
    expect(await getSessionRef()).not.toBeNull();
    const before = sessionCacheSize();
    for (let i = 0; i < 50; i++) {
      sendCookie(`${cookie.slice(0, 40)}${i % 2 ? "A" : "B"}${cookie.slice(41)}${"x".repeat(i)}`);
      expect(await getSessionRef()).toBeNull();
    }
    expect(sessionCacheSize()).toBe(before);
    if (engine !== "sqlite") return; // the bound needs no database: once is enough
    const secret = process.env.AUTH_SECRET!;
    for (let i = 0; i < SESSION_CACHE_MAX + 20; i++) {
      sendCookie(await encode({ token: { sub: "user-bound", sid: `sid-${i}` }, secret, salt: SESSION_COOKIE }));
      expect(await getSessionRef()).toEqual({ userId: "user-bound", sessionId: `sid-${i}` });
    }
    expect(sessionCacheSize()).toBe(SESSION_CACHE_MAX);
  }, 60_000);

  it("counts a cookie minted before sessions existed (no session id) as no session", async () => {
    const { encode } = await import("@auth/core/jwt");
    const { userId } = await import("@/lib/testing/demo");
    const legacy = await encode({ token: { sub: await userId("claire@helvetia-bakery.test") }, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
    sendCookie(legacy);
    expect(await getViewer()).toBeNull();
  });

  it("records the server's request id and the TCP peer in the audit trail, not the client's claims", async () => {
    sendCookie(await signedInCookie("luca@helvetia-bakery.test"));
    const requestId = randomUUID();
    jar.headers = { [PEER_ADDRESS_HEADER]: "198.51.100.44", [REQUEST_ID_HEADER]: requestId, "x-request-id": "client-chosen", "x-forwarded-for": "203.0.113.66" };
    const id = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    const { events } = await withNewAuditEvents(async () => changePaymentMode({ partnershipId: id, paymentMode: "partner", version: (await readPartnership(id)).version }));
    expect(events).toMatchObject([{ outcome: "refused", requestId, ip: "198.51.100.44" }]);
  });

  describe("the sign-in throttle", () => {
    const guesses = (email: string, headersOf: (i: number) => Record<string, string>) =>
      Promise.all(Array.from({ length: 40 }, (_, i) => signInThroughHandler(email, `guess-${i}`, headersOf(i))));
    const codes = (responses: Response[]) => responses.map((r) => new URL(r.headers.get("location")!).searchParams.get("code"));

    it("checks at most ten of 40 parallel guesses from one address", async () => {
      checks.n = 0;
      const res = await guesses("hanna@helvetia-bakery.test", () => ({ [PEER_ADDRESS_HEADER]: "198.51.100.50" }));
      expect(checks.n).toBeLessThanOrEqual(10);
      expect(codes(res).filter((c) => c === "credentials")).toHaveLength(checks.n);
      expect(codes(res).filter((c) => c === "rate_limited" || c === "slow_down")).toHaveLength(40 - checks.n);
    });

    it("is not fooled by a rotating X-Forwarded-For", async () => {
      checks.n = 0;
      const res = await guesses("sofia@lakeside-it.test", (i) => ({ [PEER_ADDRESS_HEADER]: "198.51.100.51", "x-forwarded-for": `203.0.113.${i}` }));
      expect(checks.n).toBeLessThanOrEqual(10);
      expect(codes(res)).toContain("rate_limited");
    });

    it("holds per account against guesses from 40 different addresses", async () => {
      checks.n = 0;
      const res = await guesses("ines@jura-hosting.test", (i) => ({ [PEER_ADDRESS_HEADER]: `198.51.100.${100 + i}` }));
      expect(checks.n).toBeLessThanOrEqual(10);
      expect(codes(res)).toContain("slow_down");
      // The owner, from an address of their own, is kept waiting at most the capped delay: not locked out.
      const owner = await signInThroughHandler("ines@jura-hosting.test", "manager-demo", { [PEER_ADDRESS_HEADER]: "192.0.2.77" });
      expect(new URL(owner.headers.get("location")!).searchParams.get("code")).toBe("slow_down");
    });
  });
});
