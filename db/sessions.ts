// Signed-in sessions. The cookie carries a session id; getUserWithMemberships (db/users.ts) accepts it
// only while its row is live, so revoking the row ends the session on every app instance at once.
import "server-only";
import { and, desc, eq, isNull, lt, notInArray } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { getDatabase } from "./client";

/**
 * Sessions kept per user, live or not: a 21st sign-in ends the oldest. Without a bound, signing in again
 * and again (each sign-in only costs the right password) would add a row each time until they expired.
 */
export const SESSIONS_PER_USER = 20;

/** Starts a session for a user who just proved their password; forgets sessions long expired, and this user's beyond the newest SESSIONS_PER_USER. */
export async function createSession({ userId, ttlMs, now = new Date() }: { userId: string; ttlMs: number; now?: Date }): Promise<string> {
  const { transaction, schema, dialect } = getDatabase();
  const s = schema.sessions;
  const id = newId();
  await transaction(async (tx) => {
    // One sign-in of this user at a time counts their sessions (SQLite runs every transaction alone).
    if (dialect === "postgres") await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.id, userId)).for("update");
    await tx.insert(s).values({ id, userId, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
    await tx.delete(s).where(lt(s.expiresAt, new Date(now.getTime() - 24 * 60 * 60_000)));
    const newest = tx.select({ id: s.id }).from(s).where(eq(s.userId, userId)).orderBy(desc(s.createdAt), desc(s.id)).limit(SESSIONS_PER_USER);
    await tx.delete(s).where(and(eq(s.userId, userId), notInArray(s.id, newest)));
  });
  return id;
}

/** Ends one session of this user (sign out). Returns whether a live session was ended. */
export async function revokeSession({ id, userId, now = new Date() }: { id: string; userId: string; now?: Date }): Promise<boolean> {
  const { transaction, schema } = getDatabase();
  const s = schema.sessions;
  const rows = await transaction((tx) => tx.update(s).set({ revokedAt: now })
    .where(and(eq(s.id, id), eq(s.userId, userId), isNull(s.revokedAt))).returning({ id: s.id }));
  return rows.length > 0;
}

/** Ends every session of a user (sign out everywhere). Returns how many were live. */
export async function revokeAllSessions({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<number> {
  const { transaction, schema } = getDatabase();
  const s = schema.sessions;
  const rows = await transaction((tx) => tx.update(s).set({ revokedAt: now })
    .where(and(eq(s.userId, userId), isNull(s.revokedAt))).returning({ id: s.id }));
  return rows.length;
}
