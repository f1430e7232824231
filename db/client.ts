// The one database client. DATABASE_URL picks the engine; nothing outside db/ knows which runs.
import "server-only";
import fs from "node:fs";
import path from "node:path";
// The local-file entries: the package roots also load libsql's remote (WebSocket and HTTP) clients,
// which a file: URL never uses (about 25 ms of every start).
import { createClient } from "@libsql/client/sqlite3";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql/sqlite3";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";
import { readSelectsNatively } from "./sqlite-read-path";
import { plainSqliteFile } from "./startup-work";

export type Schema = typeof pgSchema;
/**
 * Both dialects' query builders behave alike for what db/ uses (select, insert ... returning,
 * update ... returning, onConflictDoNothing, transactions), so the code is typed once, against
 * the Postgres builder, and the SQLite schema mirrors the Postgres one name for name.
 */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export type Database = {
  dialect: "sqlite" | "postgres";
  db: Db;
  schema: Schema;
  /**
   * Runs fn in one transaction; on SQLite it takes the write lock up front to avoid upgrade deadlocks.
   * On PostgreSQL a transaction the server aborts as a deadlock's victim (40P01) or a serialization
   * failure (40001) runs again from the start, up to three attempts in all: fn must therefore have no
   * effect outside tx (every caller in db/ only reads and writes through tx).
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /**
   * Runs fn while holding the database's startup lock (a PostgreSQL advisory lock), so that instances
   * starting together migrate and seed one after the other; on SQLite (one process) it just runs fn.
   */
  exclusively<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

// Any fixed number: the advisory lock every instance takes around migrate-and-seed at start.
const STARTUP_LOCK = 7_270_481;

export const DEFAULT_DATABASE_URL = "file:.data/partner-manager.db";

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

// SQLSTATEs of a transaction PostgreSQL aborted only because of another one: running it again is correct.
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 3;

/** The SQLSTATE of a pg error, also when drizzle has wrapped it (DrizzleQueryError's cause). */
export function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

async function retryAborted<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = sqlState(error);
      if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
      // A short random pause, so that the two sides of a deadlock do not meet again in step.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

export type DatabaseOptions = {
  /**
   * Tests only: on PostgreSQL every transaction that succeeds is rolled back once, as if PostgreSQL had
   * aborted it at commit, and runs again. An fn with an effect outside tx (an email sent, a counter in
   * memory) then has it twice, and the suite sees it. The retry above makes this a rule for every
   * caller; this is how the suite enforces it (lib/testing/db.ts: on for every PostgreSQL test database
   * unless TEST_REPLAY_TRANSACTIONS=0).
   */
  replayTransactions?: boolean;
};

/** The abort a replayed transaction ends its first run with: the SQLSTATE of a serialization failure. */
function replayAbort(): Error {
  return Object.assign(new Error("transaction replayed on purpose (replayTransactions)"), { code: "40001" });
}

export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the server ends (a restart, a failover, idle_session_timeout) is an 'error'
    // event on the pool: without a listener it would end a process that has no catch-all (`npm run
    // worker`, the cron commands). The pool drops that connection and opens another when next needed.
    pool.on("error", (error) => console.warn(`PostgreSQL: an idle connection ended (${error.message}); the next query opens another`));
    const db = drizzlePg(pool, { schema: pgSchema });
    return {
      dialect: "postgres",
      db,
      schema: pgSchema,
      transaction: (fn) => {
        let replayed = !options.replayTransactions;
        return retryAborted(() => db.transaction(async (tx) => {
          const result = await fn(tx);
          if (!replayed) {
            replayed = true;
            throw replayAbort();
          }
          return result;
        }));
      },
      // The migrator loads only when a start has something to migrate (db/startup-work.ts).
      migrate: async () => {
        const { migrate } = await import("drizzle-orm/node-postgres/migrator");
        await migrate(db, { migrationsFolder: path.join(MIGRATIONS, "pg") });
      },
      exclusively: async (fn) => {
        const client = await pool.connect();
        try {
          await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
          try {
            return await fn();
          } finally {
            await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK]);
          }
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (file && file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const client = createClient({ url, timeout: 10_000, concurrency: 8 });
    const lite = drizzleLibsql(client, { schema: sqliteSchema });
    const ready = Promise.all([
      client.execute("PRAGMA journal_mode = WAL"),
      client.execute("PRAGMA foreign_keys = ON"),
    ]);
    const db = lite as unknown as Db;
    // The selects of pages, outside transactions, on a read-only connection of their own (db/sqlite-read-path.ts).
    const plainFile = plainSqliteFile(url);
    const readPath = plainFile ? readSelectsNatively(lite, plainFile) : null;
    // libsql waits for a locked database synchronously (busy timeout), which blocks the event loop:
    // two write transactions of this process on two connections would wait on each other until the
    // timeout and fail with SQLITE_BUSY. So this process runs its transactions one at a time, and
    // every write in db/ goes through transaction() (a lone UPDATE included); reads need no lock (WAL).
    let queue: Promise<unknown> = Promise.resolve();
    return {
      dialect: "sqlite",
      db,
      schema: sqliteSchema as unknown as Schema,
      transaction: async (fn) => {
        await ready;
        const run = queue.then(() => lite.transaction((tx) => fn(tx as unknown as Tx), { behavior: "immediate" }));
        queue = run.catch(() => undefined);
        return run;
      },
      migrate: async () => {
        await ready;
        const { migrate } = await import("drizzle-orm/libsql/migrator");
        await migrate(lite, { migrationsFolder: path.join(MIGRATIONS, "sqlite") });
      },
      exclusively: (fn) => fn(),
      close: async () => {
        readPath?.close();
        client.close();
      },
    };
  }
  throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${url.split(":")[0]}:...")`);
}

const globalForDb = globalThis as unknown as { partnerManagerDb?: Database };

/** The process-wide database, from DATABASE_URL (embedded SQLite under .data/ when unset). */
export function getDatabase(): Database {
  globalForDb.partnerManagerDb ??= createDatabase(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  return globalForDb.partnerManagerDb;
}

/** Tests point the data layer at a database of their own. */
export function setDatabase(database: Database | undefined): void {
  globalForDb.partnerManagerDb = database;
}
