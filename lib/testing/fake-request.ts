// Stands in for lib/request.ts in action tests: `vi.mock("@/lib/request", () => import("@/lib/testing/fake-request"))`.
// The signed-in user and chosen organization are whatever the test says; everything else (memberships,
// roles) is still read from the test database by lib/session.ts, as in production.
import type { RequestMeta } from "@/db/audit";
import { orgId as orgIdOf, userId as userIdOf } from "./demo";
import { liveSessionOf } from "./session-row";

export const ORG_COOKIE = "pm-org";

export const fakeRequest = { userId: null as string | null, orgId: null as string | null, chosen: [] as string[] };

export const META: RequestMeta = { requestId: "req-action-test", ip: "198.51.100.4", userAgent: "action-test/1.0" };

export async function getSessionRef(): Promise<{ userId: string; sessionId: string } | null> {
  return fakeRequest.userId ? { userId: fakeRequest.userId, sessionId: await liveSessionOf(fakeRequest.userId) } : null;
}

export async function getChosenOrgId(): Promise<string | null> {
  return fakeRequest.orgId;
}

export async function setChosenOrgId(orgId: string): Promise<void> {
  fakeRequest.chosen.push(orgId);
  fakeRequest.orgId = orgId;
}

export async function getRequestMeta(): Promise<RequestMeta> {
  return META;
}

/** Action tests run without a browser: no Accept-Language, so visitors read English. */
export async function getAcceptLanguage(): Promise<string | null> {
  return null;
}

/** Signs in as a demo user (null: nobody), with an organization chosen by name (else their first). */
export async function signInAs(email: string | null, orgName?: string): Promise<void> {
  fakeRequest.userId = email ? await userIdOf(email) : null;
  fakeRequest.orgId = orgName ? await orgIdOf(orgName) : null;
  fakeRequest.chosen = [];
}
