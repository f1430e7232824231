// What the current request carries: the signed-in session, the chosen organization, and where it came from.
// The only module that reads next-auth's session and Next's request headers (tests replace it).
import "server-only";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { decode } from "next-auth/jwt";
import type { RequestMeta } from "@/db/audit";
import { auth, SESSION_MAX_AGE_S } from "./auth";
import { clientAddress, serverRequestId } from "./client-address";
import { env } from "./env";
import { decodedSessions, ExpiringLru } from "./session-cookie-cache";

export const ORG_COOKIE = "pm-org";

/** Who the session cookie says is signed in, and which session it is (lib/session.ts checks it is live). */
export type SessionRef = { userId: string; sessionId: string };

/*
 * Reading the session costs a key derivation and a decryption of the cookie; Auth.js's `auth()` then
 * encrypts a fresh one as well, which a page cannot even set. So the cookie is decoded here, once per
 * cookie value: the same value always decodes to the same payload, and whether its session is still
 * live is checked in the database on every request (lib/session.ts), so a revoked session is refused
 * at once even while its cookie sits in this cache.
 *
 * The cache is bounded (lib/session-cookie-cache.ts): at most SESSION_CACHE_MAX entries, least recently
 * used dropped first, each dropped at its token's expiry, keyed by a SHA-256 of the exact cookie value.
 * Only cookies that decoded to a session are kept: a tampered, foreign or expired cookie is decoded (and
 * refused) every time, so junk cookies cannot push live sessions out.
 */
function sessionCookieName(): string {
  return `${env().APP_URL.startsWith("https:") ? "__Secure-" : ""}authjs.session-token`;
}

export async function getSessionRef(): Promise<SessionRef | null> {
  const name = sessionCookieName();
  const jar = await cookies();
  const raw = jar.get(name)?.value;
  // Auth.js splits a cookie over 4 KB into name.0, name.1, …: ours stay small, but leave that case to it.
  if (!raw) return jar.get(`${name}.0`) ? refFrom(await auth()) : null;
  const now = Date.now();
  const key = ExpiringLru.keyOf(name, raw);
  const hit = decodedSessions.get(key, now);
  if (hit) return hit;
  let ref: SessionRef | null = null;
  let expiresAt = 0;
  try {
    const token = await decode({ token: raw, secret: env().AUTH_SECRET, salt: name });
    ref = refFrom({ user: { id: token?.sub }, sessionId: token?.sid });
    // A token always carries its expiry (Auth.js sets it); one without is decoded on every request.
    if (typeof token?.exp === "number") expiresAt = Math.min(token.exp * 1000, now + SESSION_MAX_AGE_S * 1000);
  } catch {
    return null; // tampered, expired or signed with another secret: no session
  }
  if (ref) decodedSessions.set(key, ref, expiresAt, now);
  return ref;
}

function refFrom(session: { user?: { id?: string | null }; sessionId?: string | null } | null): SessionRef | null {
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  // A cookie without a session id predates revocable sessions: it counts as no session.
  return userId && sessionId ? { userId, sessionId } : null;
}

export async function getChosenOrgId(): Promise<string | null> {
  return (await cookies()).get(ORG_COOKIE)?.value ?? null;
}

export async function setChosenOrgId(orgId: string): Promise<void> {
  (await cookies()).set(ORG_COOKIE, orgId, {
    httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365, secure: env().APP_URL.startsWith("https:"),
  });
}

/** The browser's preferred languages, for visitors who are not signed in and for a user's first request. */
export async function getAcceptLanguage(): Promise<string | null> {
  return (await headers()).get("accept-language");
}

/** The request id and address are the server's own (lib/server/request-identity.ts); a client's X-Request-Id is not kept. */
export async function getRequestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return {
    requestId: serverRequestId(h) ?? randomUUID(),
    ip: clientAddress(h, env().TRUSTED_PROXY_HOPS),
    userAgent: h.get("user-agent"),
  };
}
