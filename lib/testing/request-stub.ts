// A stand-in for lib/request.ts (the only module that reads next-auth's session and the request
// headers): tests decide who is signed in, which organization the cookie names, and the request meta.
// Use: vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub)
import type { RequestMeta } from "@/db/audit";
import type * as RequestModule from "@/lib/request";
import { liveSessionOf } from "./session-row";

const DEFAULT_META: RequestMeta = { requestId: "req-test", ip: "198.51.100.23", userAgent: "vitest" };

const state: { userId: string | null; chosenOrgId: string | null; meta: RequestMeta; acceptLanguage: string | null } = {
  userId: null, chosenOrgId: null, meta: DEFAULT_META, acceptLanguage: null,
};

/** The Accept-Language header of the next requests (null: none). */
export function browserLanguages(value: string | null): void {
  state.acceptLanguage = value;
}

/** The next requests come from this user (null: no session), with this chosen-org cookie and meta. */
export function actAs(userId: string | null, chosenOrgId: string | null = null, meta: Partial<RequestMeta> = {}): RequestMeta {
  state.userId = userId;
  state.chosenOrgId = chosenOrgId;
  state.meta = { ...DEFAULT_META, ...meta };
  return state.meta;
}

export const requestStub: typeof RequestModule = {
  ORG_COOKIE: "pm-org",
  getSessionRef: async () => (state.userId ? { userId: state.userId, sessionId: await liveSessionOf(state.userId) } : null),
  getChosenOrgId: async () => state.chosenOrgId,
  setChosenOrgId: async (orgId: string) => { state.chosenOrgId = orgId; },
  getRequestMeta: async () => ({ ...state.meta }),
  getAcceptLanguage: async () => state.acceptLanguage,
};
