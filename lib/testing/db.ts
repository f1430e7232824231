// Fresh databases for tests: a new SQLite file, or a new PostgreSQL database per call.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import pg from "pg";
import { createDatabase, setDatabase, type Database, type DatabaseOptions } from "@/db/client";

export type Engine = "sqlite" | "postgres";

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI sets it and requires it). */
export function enginesUnderTest(): Engine[] {
  if (process.env.CI && !process.env.TEST_DATABASE_URL) {
    throw new Error("CI must run the contract suite on PostgreSQL too: set TEST_DATABASE_URL");
  }
  return process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

export type TestDatabase = { database: Database; url: string; dispose(): Promise<void> };

/** A database of its own with nothing applied yet (no migration), and how to remove it. */
export async function createBlankTestDatabase(engine: Engine, options: DatabaseOptions = {}): Promise<TestDatabase> {
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    const database = createDatabase(url);
    return {
      database, url,
      dispose: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `pm_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  // Every successful transaction runs twice, the first run rolled back (db/client.ts): the suite thus
  // proves that no transaction has an effect outside its tx, which PostgreSQL's retry relies on.
  // TEST_REPLAY_TRANSACTIONS=0 turns it off (to tell a failure of the rule from another).
  const database = createDatabase(url, { replayTransactions: process.env.TEST_REPLAY_TRANSACTIONS !== "0", ...options });
  return {
    database, url,
    dispose: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      // pool.end() resolves before its sockets have closed; a FORCE drop would then kill those backends
      // and their clients would raise an unhandled 57P01. Give them a moment to leave first.
      for (let i = 0; i < 50; i++) {
        const { rows } = await a.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (rows[0]?.n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A database of its own, migrated to the committed schema. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const t = await createBlankTestDatabase(engine);
  try {
    await t.database.migrate();
  } catch (error) {
    await t.dispose();
    throw error;
  }
  return t;
}

/** Creates a fresh database and makes it the data layer's database for the test file. */
export async function useTestDatabase(engine: Engine): Promise<TestDatabase> {
  const t = await createTestDatabase(engine);
  setDatabase(t.database);
  return t;
}

/**
 * Applies the committed migrations up to and including `last` (idx in the journal) to `database`, as
 * the app's migrator does: a migration test writes rows under an older schema, then migrates the rest.
 */
export async function migrateUpTo(database: Database, last: number): Promise<void> {
  const from = path.join(process.cwd(), "db", "migrations", database.dialect === "sqlite" ? "sqlite" : "pg");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-migrations-"));
  try {
    fs.cpSync(from, dir, { recursive: true });
    const journalFile = path.join(dir, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx <= last);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    if (database.dialect === "postgres") {
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      await migrate(database.db, { migrationsFolder: dir });
    } else {
      const { migrate } = await import("drizzle-orm/libsql/migrator");
      await migrate(database.db as unknown as LibSQLDatabase, { migrationsFolder: dir });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
