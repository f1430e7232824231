// Signed-in sessions. The cookie carries a session id; getUserWithMemberships (db/users.ts) accepts it
// only while its row is live, so revoking the row ends the session on every app instance at once.
import "server-only";
import { and, eq, isNull, lt } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { getDatabase } from "./client";

/** Starts a session for a user who just proved their password; forgets sessions long expired. */
export async function createSession({ userId, ttlMs, now = new Date() }: { userId: string; ttlMs: number; now?: Date }): Promise<string> {
  const { transaction, schema } = getDatabase();
  const id = newId();
  await transaction(async (tx) => {
    await tx.insert(schema.sessions).values({ id, userId, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
    await tx.delete(schema.sessions).where(lt(schema.sessions.expiresAt, new Date(now.getTime() - 24 * 60 * 60_000)));
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
