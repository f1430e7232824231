// Sign-in throttling: after MAX failures for one email from one address within WINDOW, sign-in is
// refused without checking the password until the window passes. Keyed on email and address together,
// so nobody can lock a user out from elsewhere (docs/decisions.md).
import { countLoginFailures, recordLoginFailure } from "@/db/login-failures";
import { clientAddress } from "./client-address";

export const MAX_LOGIN_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export function loginKey(email: string, headers: Headers | undefined): { email: string; ip: string } {
  return { email: email.trim().toLowerCase(), ip: clientAddress(headers) ?? "unknown" };
}

export async function isLoginThrottled(key: { email: string; ip: string }, now = new Date()): Promise<boolean> {
  return (await countLoginFailures({ ...key, since: new Date(now.getTime() - LOGIN_WINDOW_MS) })) >= MAX_LOGIN_FAILURES;
}

export async function noteLoginFailure(key: { email: string; ip: string }, now = new Date()): Promise<void> {
  await recordLoginFailure({ ...key, at: now });
}
