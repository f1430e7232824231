// Signs a demo user in for tests that run actions, pages and route handlers against a real database:
// the test mocks "@/lib/request" with `requestMock` and switches the user with `signInAs`.
import { getDatabase } from "@/db/client";
import { eq } from "drizzle-orm";
import { liveSessionOf } from "./session-row";

export const session = { userId: null as string | null, orgId: null as string | null };

export const requestMock = () => ({
  getSessionRef: async () => (session.userId ? { userId: session.userId, sessionId: await liveSessionOf(session.userId) } : null),
  getChosenOrgId: async () => session.orgId,
  setChosenOrgId: async () => {},
  getRequestMeta: async () => ({ requestId: "req-test", ip: "192.0.2.9", userAgent: "vitest" }),
  getAcceptLanguage: async () => null,
});

/** Signs in by email, in the organization of that name (or the user's first one). */
export async function signInAs(email: string | null, orgName?: string): Promise<void> {
  if (!email) {
    session.userId = null;
    session.orgId = null;
    return;
  }
  const { db, schema } = getDatabase();
  const [user] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email));
  if (!user) throw new Error(`No demo user ${email}`);
  session.userId = user.id;
  session.orgId = null;
  if (orgName) {
    const [org] = await db.select({ id: schema.organizations.id }).from(schema.organizations).where(eq(schema.organizations.name, orgName));
    session.orgId = org?.id ?? null;
  }
}

/** What Next's notFound() and redirect() throw, as "404" / "redirect", or the value when nothing was thrown. */
export async function outcomeOf<T>(run: () => Promise<T>): Promise<"404" | "redirect" | T> {
  try {
    return await run();
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
    if (digest.startsWith("NEXT_REDIRECT")) return "redirect";
    throw error;
  }
}
