// How many password guesses are allowed, as pure rules over the earlier attempts (db/password-attempts.ts
// counts them and reserves the next one atomically). The trade-offs are in docs/security.md.
/** What the earlier attempts of one subject look like (db/password-attempts.ts reads it under a lock). */
export type AttemptHistory = {
  /** Attempts on the subject (any address) since the subject's window began. */
  subjectCount: number;
  /** The latest of those, if any. */
  lastAt: Date | null;
  /** Attempts on the subject from this address since the pair's window began (0 without an address). */
  pairCount: number;
};

const MINUTE = 60_000;

/** Sign-in, per email and client address: ten attempts in 15 minutes, then that pair waits. */
export const SIGN_IN_PAIR_LIMIT = 10;
export const SIGN_IN_PAIR_WINDOW_MS = 15 * MINUTE;
/**
 * Sign-in, per email whatever the address (an attacker rotating addresses): ten failures in an hour
 * are free, then each attempt must wait a delay after the previous one, doubling from 30 seconds up
 * to 5 minutes. A stranger can slow the owner down, but never keeps them out longer than 5 minutes.
 */
export const SIGN_IN_ACCOUNT_FREE = 10;
export const SIGN_IN_ACCOUNT_WINDOW_MS = 60 * MINUTE;
export const SIGN_IN_ACCOUNT_BASE_DELAY_MS = 30_000;
export const SIGN_IN_ACCOUNT_MAX_DELAY_MS = 5 * MINUTE;

/** Confirming a step with one's password (ending a partnership): five attempts per user in 15 minutes. */
export const CONFIRM_LIMIT = 5;
export const CONFIRM_WINDOW_MS = 15 * MINUTE;

export type SignInRefusal = { kind: "pair" } | { kind: "account"; retryAfterMs: number };

/** The wait the account imposes after `failures` recent failures (0 while they are few). */
export function accountDelayMs(failures: number): number {
  if (failures < SIGN_IN_ACCOUNT_FREE) return 0;
  const doublings = Math.min(failures - SIGN_IN_ACCOUNT_FREE, 20);
  return Math.min(SIGN_IN_ACCOUNT_BASE_DELAY_MS * 2 ** doublings, SIGN_IN_ACCOUNT_MAX_DELAY_MS);
}

export function signInRefusal(h: AttemptHistory, now: Date): SignInRefusal | null {
  if (h.pairCount >= SIGN_IN_PAIR_LIMIT) return { kind: "pair" };
  const wait = h.lastAt ? h.lastAt.getTime() + accountDelayMs(h.subjectCount) - now.getTime() : 0;
  return wait > 0 ? { kind: "account", retryAfterMs: wait } : null;
}

/** The reservation a sign-in makes: the email (normalised) and the client address. */
export function signInReservation(email: string, ip: string | null, now: Date) {
  return {
    scope: "sign_in" as const,
    subject: email.trim().toLowerCase(),
    ip: ip ?? "unknown",
    subjectSince: new Date(now.getTime() - SIGN_IN_ACCOUNT_WINDOW_MS),
    pairSince: new Date(now.getTime() - SIGN_IN_PAIR_WINDOW_MS),
    now,
    refuse: (h: AttemptHistory) => signInRefusal(h, now),
  };
}

/** The reservation a password confirmation makes: the user, whatever the address. */
export function confirmReservation(userId: string, now: Date) {
  return {
    scope: "confirm_password" as const,
    subject: userId,
    subjectSince: new Date(now.getTime() - CONFIRM_WINDOW_MS),
    now,
    refuse: (h: AttemptHistory) => (h.subjectCount >= CONFIRM_LIMIT ? ("too_many" as const) : null),
  };
}
