// Test stand-ins for lib/request.ts still sign in through a real session row: the viewer is then
// loaded by the same query as in production, which refuses revoked and expired sessions.
import { getDatabase, type Database } from "@/db/client";
import { createSession } from "@/db/sessions";

const rows = new WeakMap<Database, Map<string, Promise<string>>>();

/** A live session of `userId` in the current test database, created once per user and database. */
export function liveSessionOf(userId: string): Promise<string> {
  const database = getDatabase();
  let byUser = rows.get(database);
  if (!byUser) rows.set(database, (byUser = new Map()));
  let id = byUser.get(userId);
  if (!id) byUser.set(userId, (id = createSession({ userId, ttlMs: 24 * 60 * 60_000 })));
  return id;
}
