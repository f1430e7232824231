// Sessions on both engines: at most SESSIONS_PER_USER rows per user, the newest kept; the others' untouched.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { userId } from "@/lib/testing/demo";
import { getDatabase, setDatabase } from "./client";
import { seedDemoData } from "./seed";
import { createSession, revokeSession, SESSIONS_PER_USER } from "./sessions";
import { getUserWithMemberships } from "./users";

const HOUR = 3_600_000;

async function sessionsOf(user: string): Promise<number> {
  const { db, schema } = getDatabase();
  const [r] = await db.select({ n: count() }).from(schema.sessions).where(eq(schema.sessions.userId, user));
  return Number(r?.n ?? 0);
}

describe.each(enginesUnderTest())("sessions on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });

  it(`keeps at most ${SESSIONS_PER_USER} sessions per user, live or revoked: the newest`, async () => {
    const [claire, marc] = await Promise.all([userId("claire@helvetia-bakery.test"), userId("marc@alpine-web.test")]);
    const marcs = await createSession({ userId: marc, ttlMs: 8 * HOUR });
    const start = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < SESSIONS_PER_USER + 5; i++) {
      ids.push(await createSession({ userId: claire, ttlMs: 8 * HOUR, now: new Date(start + i * 1_000) }));
      if (i === 3) await revokeSession({ id: ids[3]!, userId: claire });
    }
    expect(await sessionsOf(claire)).toBe(SESSIONS_PER_USER);
    const at = new Date(start + (SESSIONS_PER_USER + 5) * 1_000);
    // The five oldest are gone: their cookies now count as no session; the newest still sign her in.
    for (const old of ids.slice(0, 5)) expect(await getUserWithMemberships({ userId: claire, sessionId: old, now: at })).toBeNull();
    for (const kept of [ids[5]!, ids.at(-1)!]) expect((await getUserWithMemberships({ userId: claire, sessionId: kept, now: at }))?.email).toBe("claire@helvetia-bakery.test");
    // Another user's session is not hers to count.
    expect(await sessionsOf(marc)).toBe(1);
    expect(await getUserWithMemberships({ userId: marc, sessionId: marcs })).not.toBeNull();
    const { db, schema } = getDatabase();
    expect(await db.select({ id: schema.sessions.id }).from(schema.sessions).where(and(eq(schema.sessions.userId, claire), eq(schema.sessions.id, ids[0]!)))).toEqual([]);
  });

  it("holds under 30 sign-ins at once", async () => {
    const ines = await userId("ines@jura-hosting.test");
    await Promise.all(Array.from({ length: 30 }, () => createSession({ userId: ines, ttlMs: 8 * HOUR })));
    expect(await sessionsOf(ines)).toBe(SESSIONS_PER_USER);
  });
});
