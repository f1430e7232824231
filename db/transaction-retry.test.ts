// PostgreSQL aborts one of two transactions that wait on each other (40P01, a deadlock's victim).
// database.transaction runs the victim again, so both callers get their result; a real deadlock is
// built here with two rows locked in opposite orders. Other errors are not retried, and a transaction
// that keeps failing with a retryable state gives up after three attempts. SQLite runs this process's
// transactions one at a time, so it has no such abort (and no such test). Last, the replay the rest of
// the suite runs with on PostgreSQL (lib/testing/db.ts): each successful transaction twice, the first
// run rolled back, so that an effect outside tx shows.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBlankTestDatabase, enginesUnderTest, type TestDatabase } from "@/lib/testing/db";
import { sqlState } from "./client";

const onPostgres = enginesUnderTest().includes("postgres");

describe.runIf(onPostgres)("database.transaction on postgres", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    // Counted runs: without the suite's replay (TEST_REPLAY_TRANSACTIONS), which is tested below.
    t = await createBlankTestDatabase("postgres", { replayTransactions: false });
    await t.database.db.execute(sql`CREATE TABLE retry_rows (id text PRIMARY KEY, n integer NOT NULL)`);
    await t.database.db.execute(sql`INSERT INTO retry_rows VALUES ('a', 0), ('b', 0)`);
  });
  afterAll(async () => t?.dispose());

  it("runs a deadlock's victim again, so both transactions commit", async () => {
    const { database } = t;
    let lockedFirst = 0;
    let bothLocked!: () => void;
    const barrier = new Promise<void>((resolve) => { bothLocked = resolve; });
    const attempts = { ab: 0, ba: 0 };
    const crossing = (first: "a" | "b", second: "a" | "b", name: "ab" | "ba") => database.transaction(async (tx) => {
      attempts[name]++;
      await tx.execute(sql`UPDATE retry_rows SET n = n + 1 WHERE id = ${first}`);
      if (++lockedFirst === 2) bothLocked();
      await barrier;
      await tx.execute(sql`UPDATE retry_rows SET n = n + 1 WHERE id = ${second}`);
      return name;
    });
    const results = await Promise.allSettled([crossing("a", "b", "ab"), crossing("b", "a", "ba")]);
    expect(results).toEqual([{ status: "fulfilled", value: "ab" }, { status: "fulfilled", value: "ba" }]);
    // One of the two was aborted once and ran again; the other ran once.
    expect([attempts.ab, attempts.ba].sort()).toEqual([1, 2]);
    // Each row was incremented once per committed transaction: the victim's first attempt left nothing.
    const { rows } = await database.db.execute<{ id: string; n: number }>(sql`SELECT id, n FROM retry_rows ORDER BY id`);
    expect(rows).toEqual([{ id: "a", n: 2 }, { id: "b", n: 2 }]);
  });

  it("does not run a transaction again for any other error", async () => {
    let runs = 0;
    const error = await t.database.transaction(async (tx) => {
      runs++;
      await tx.execute(sql`INSERT INTO retry_rows VALUES ('a', 0)`);
    }).catch((e: unknown) => e);
    expect(sqlState(error)).toBe("23505");
    expect(runs).toBe(1);
  });

  it("gives up after three attempts of a transaction that keeps failing to serialize", async () => {
    let runs = 0;
    const error = await t.database.transaction(async () => {
      runs++;
      throw Object.assign(new Error("could not serialize access"), { code: "40001" });
    }).catch((e: unknown) => e);
    expect(sqlState(error)).toBe("40001");
    expect(runs).toBe(3);
  });
});

describe.runIf(onPostgres)("replayed transactions (the suite's check of the retry's rule)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createBlankTestDatabase("postgres", { replayTransactions: true });
    await t.database.db.execute(sql`CREATE TABLE replay_rows (id text PRIMARY KEY, n integer NOT NULL)`);
    await t.database.db.execute(sql`INSERT INTO replay_rows VALUES ('a', 0)`);
  });
  afterAll(async () => t?.dispose());

  it("runs a successful transaction twice, keeping only the second run's writes", async () => {
    let runs = 0; // an effect outside tx: it happens once per run, which is what the replay exposes
    const result = await t.database.transaction(async (tx) => {
      runs++;
      await tx.execute(sql`UPDATE replay_rows SET n = n + 1 WHERE id = 'a'`);
      return "done";
    });
    expect(result).toBe("done");
    expect(runs).toBe(2);
    const { rows } = await t.database.db.execute<{ n: number }>(sql`SELECT n FROM replay_rows WHERE id = 'a'`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it("does not replay a transaction that fails: its error reaches the caller after one run", async () => {
    let runs = 0;
    const error = await t.database.transaction(async (tx) => {
      runs++;
      await tx.execute(sql`INSERT INTO replay_rows VALUES ('a', 0)`);
    }).catch((e: unknown) => e);
    expect(sqlState(error)).toBe("23505");
    expect(runs).toBe(1);
  });
});
