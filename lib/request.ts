// What the current request carries: the signed-in session, the chosen organization, and where it came from.
// The only module that reads next-auth's session and Next's request headers (tests replace it).
import "server-only";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import type { RequestMeta } from "@/db/audit";
import { auth } from "./auth";
import { clientAddress, serverRequestId } from "./client-address";
import { env } from "./env";

export const ORG_COOKIE = "pm-org";

/** Who the session cookie says is signed in, and which session it is (lib/session.ts checks it is live). */
export type SessionRef = { userId: string; sessionId: string };

export async function getSessionRef(): Promise<SessionRef | null> {
  const session = await auth();
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
