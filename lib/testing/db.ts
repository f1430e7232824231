// Fresh databases for tests: a new SQLite file, or a new PostgreSQL database per call.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase, setDatabase, type Database } from "@/db/client";

export type Engine = "sqlite" | "postgres";

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI sets it and requires it). */
export function enginesUnderTest(): Engine[] {
  if (process.env.CI && !process.env.TEST_DATABASE_URL) {
    throw new Error("CI must run the contract suite on PostgreSQL too: set TEST_DATABASE_URL");
  }
  return process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

export type TestDatabase = { database: Database; url: string; dispose(): Promise<void> };

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    const database = createDatabase(url);
    await database.migrate();
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
  const database = createDatabase(url);
  await database.migrate();
  return {
    database, url,
    dispose: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      // pool.end() does not wait for its sockets to close: dropping WITH (FORCE) at once would kill a
      // closing connection, whose error surfaces as an uncaught exception. Wait for them, then force.
      for (let attempt = 0; ; attempt++) {
        try {
          await a.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 50 ? " WITH (FORCE)" : ""}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await a.end();
    },
  };
}

/** Creates a fresh database and makes it the data layer's database for the test file. */
export async function useTestDatabase(engine: Engine): Promise<TestDatabase> {
  const t = await createTestDatabase(engine);
  setDatabase(t.database);
  return t;
}
