// What the current request carries: the signed-in user id, the chosen organization, and where it came from.
// The only module that reads next-auth's session and Next's request headers (tests replace it).
import "server-only";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import type { RequestMeta } from "@/db/audit";
import { auth } from "./auth";
import { clientAddress } from "./client-address";

export const ORG_COOKIE = "pm-org";

export async function getSessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}

export async function getChosenOrgId(): Promise<string | null> {
  return (await cookies()).get(ORG_COOKIE)?.value ?? null;
}

export async function setChosenOrgId(orgId: string): Promise<void> {
  (await cookies()).set(ORG_COOKIE, orgId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
}

/** The browser's preferred languages, for visitors who are not signed in and for a user's first request. */
export async function getAcceptLanguage(): Promise<string | null> {
  return (await headers()).get("accept-language");
}

export async function getRequestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return {
    requestId: h.get("x-request-id") ?? randomUUID(),
    ip: clientAddress(h),
    userAgent: h.get("user-agent"),
  };
}
