// Password checks reserved before they run: one row per attempt, written in the same transaction that
// counts the earlier ones, so no two concurrent attempts can both see room for one more.
import "server-only";
import { and, count, eq, gte, lt, max, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import type { AttemptHistory } from "@/lib/password-throttle";
import { getDatabase } from "./client";

export type PasswordScope = "sign_in" | "confirm_password";

const KEEP_MS = 24 * 60 * 60_000;

/**
 * Reserves one password check for `subject`, unless `refuse(history)` answers a reason. The subject is
 * locked for the transaction first (PostgreSQL: a transaction-scoped advisory lock on the subject;
 * SQLite: the write lock every transaction takes up front), then counted, then the reservation row is
 * written: concurrent attempts on one subject queue up, each seeing the ones before it.
 * Rows older than a day are forgotten in the same transaction, so the table stays small.
 */
export async function reservePasswordAttempt<R>(args: {
  scope: PasswordScope;
  subject: string;
  ip?: string | null;
  subjectSince: Date;
  pairSince?: Date;
  now?: Date;
  refuse: (history: AttemptHistory) => R | null;
}): Promise<{ reserved: true; id: string } | { reserved: false; reason: R }> {
  const { dialect, transaction, schema } = getDatabase();
  const a = schema.passwordAttempts;
  const now = args.now ?? new Date();
  const subject = args.subject.slice(0, 254);
  const ip = args.ip == null ? null : args.ip.slice(0, 100);
  return transaction(async (tx) => {
    if (dialect === "postgres") {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${args.scope}:${subject}`}, 0))`);
    }
    const bySubject = and(eq(a.scope, args.scope), eq(a.subject, subject));
    const [s] = await tx.select({ n: count(), last: max(a.createdAt) }).from(a).where(and(bySubject, gte(a.createdAt, args.subjectSince)));
    let pairCount = 0;
    if (ip !== null && args.pairSince) {
      const [p] = await tx.select({ n: count() }).from(a).where(and(bySubject, eq(a.ip, ip), gte(a.createdAt, args.pairSince)));
      pairCount = Number(p?.n ?? 0);
    }
    const reason = args.refuse({ subjectCount: Number(s?.n ?? 0), lastAt: s?.last ? new Date(s.last) : null, pairCount });
    if (reason !== null) return { reserved: false as const, reason };
    const id = newId();
    await tx.insert(a).values({ id, scope: args.scope, subject, ip, createdAt: now });
    await tx.delete(a).where(lt(a.createdAt, new Date(now.getTime() - KEEP_MS)));
    return { reserved: true as const, id };
  });
}

/** The password was right: the attempt does not count against anyone. */
export async function releasePasswordAttempt({ id }: { id: string }): Promise<void> {
  const { transaction, schema } = getDatabase();
  await transaction((tx) => tx.delete(schema.passwordAttempts).where(eq(schema.passwordAttempts.id, id)));
}
