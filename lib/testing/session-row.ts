// Test stand-ins for lib/request.ts still sign in through a real session row: the viewer is then
// loaded by the same query as in production, which refuses revoked and expired sessions.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDatabase, type Database } from "@/db/client";
import { createSession } from "@/db/sessions";

const rows = new WeakMap<Database, Map<string, Promise<string>>>();

/**
 * A live session of `userId` in the current test database, created once per user and database. For
 * an id naming no user, a session id that names no row: such a cookie is refused like any dead one.
 */
export function liveSessionOf(userId: string): Promise<string> {
  const database = getDatabase();
  let byUser = rows.get(database);
  if (!byUser) rows.set(database, (byUser = new Map()));
  let id = byUser.get(userId);
  if (!id) byUser.set(userId, (id = startSession(database, userId)));
  return id;
}

async function startSession({ db, schema }: Database, userId: string): Promise<string> {
  const [user] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.id, userId));
  // Long-lived, so tests that move the clock (fake timers) keep their sign-in.
  return user ? createSession({ userId, ttlMs: 100 * 365 * 24 * 60 * 60_000 }) : randomUUID();
}
