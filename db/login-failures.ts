// Failed sign-ins, kept for a day, so password guessing can be throttled across processes.
import "server-only";
import { and, count, eq, gte, lt } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { getDatabase } from "./client";

const KEEP_MS = 24 * 60 * 60_000;

export async function countLoginFailures({ email, ip, since }: { email: string; ip: string; since: Date }): Promise<number> {
  const { db, schema } = getDatabase();
  const f = schema.loginFailures;
  const [row] = await db.select({ n: count() }).from(f).where(and(eq(f.email, email), eq(f.ip, ip), gte(f.createdAt, since)));
  return row?.n ?? 0;
}

/** Records one failure and forgets those older than a day, in one transaction. */
export async function recordLoginFailure({ email, ip, at = new Date() }: { email: string; ip: string; at?: Date }): Promise<void> {
  const { transaction, schema } = getDatabase();
  const f = schema.loginFailures;
  await transaction(async (tx) => {
    await tx.insert(f).values({ id: newId(), email: email.slice(0, 254), ip: ip.slice(0, 100), createdAt: at });
    await tx.delete(f).where(lt(f.createdAt, new Date(at.getTime() - KEEP_MS)));
  });
}
