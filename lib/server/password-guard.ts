// Runs a password check only after its attempt is reserved in the database (db/password-attempts.ts):
// refused reservations never reach the check, a wrong password keeps its reservation (it counts), a
// right one gives it back. A crash between the two leaves the reservation counted, which errs safe.
import "server-only";
import { releasePasswordAttempt, reservePasswordAttempt } from "@/db/password-attempts";

export type GuardedCheck<T, R> = { outcome: "right"; value: T } | { outcome: "wrong" } | { outcome: "throttled"; reason: R };

/** `check` answers what the right password unlocks, or null for a wrong one. */
export async function guardedPasswordCheck<T, R>(
  reservation: Parameters<typeof reservePasswordAttempt<R>>[0],
  check: () => Promise<T | null>,
): Promise<GuardedCheck<T, R>> {
  const slot = await reservePasswordAttempt(reservation);
  if (!slot.reserved) return { outcome: "throttled", reason: slot.reason };
  const value = await check();
  if (value === null) return { outcome: "wrong" };
  await releasePasswordAttempt({ id: slot.id });
  return { outcome: "right", value };
}
