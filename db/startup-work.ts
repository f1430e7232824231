// Whether `npm start` (lib/cli/server.ts) has anything to do with the database before serving, in one
// query on a connection of its own: an up-to-date, seeded database costs one round trip, and neither
// drizzle, its migrator, the full database client nor the demo data is loaded for it; only the drivers
// (pg, and the native SQLite driver @libsql/client uses, which the app's client loads later anyway).
// It may say "work to do" when there is none (then the start migrates and checks as before, under the
// lock: drizzle's migrator applies only what is missing), never the other way round.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type StartupWork = {
  /** A migration of the committed journal is newer than the newest applied one, or none ever was. */
  migrate: boolean;
  /** No organization yet: the demo data goes in. */
  seed: boolean;
};

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

/** The newest migration of the committed journal: its `when`, which drizzle records as created_at. */
function newestMigration(dialect: "sqlite" | "pg"): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, dialect, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

// Drizzle's migrators apply every journal entry newer than the newest created_at they recorded.
const QUERY = (table: string) => `SELECT (SELECT max(created_at) FROM ${table}) AS last, EXISTS (SELECT 1 FROM organizations) AS seeded`;
const NEVER_MIGRATED: StartupWork = { migrate: true, seed: true };

function decide(row: { last: unknown; seeded: unknown } | undefined, dialect: "sqlite" | "pg"): StartupWork {
  if (!row) return NEVER_MIGRATED;
  return { migrate: row.last === null || Number(row.last) < newestMigration(dialect), seed: !row.seeded };
}

type NativeSqlite = { prepare(sql: string): { get(): unknown }; exec(sql: string): void; close(): void };

/**
 * The file path of a SQLite `url` that is a plain path (what DATABASE_URL holds in practice), or null:
 * not SQLite, in memory, or anything fancier, which only the full client handles.
 */
export function plainSqliteFile(url: string): string | null {
  const file = url.startsWith("file:") ? url.slice("file:".length) : "";
  if (!file || file === ":memory:" || file.startsWith("//") || file.includes("?")) return null;
  return file;
}

/**
 * The SQLite file of `url` opened with the native driver @libsql/client itself opens local files with
 * (resolved from there: not a dependency of ours), or null when there is no such file yet or the URL is
 * not a plain path.
 */
export function openNativeSqlite(url: string): NativeSqlite | null {
  const file = plainSqliteFile(url);
  if (!file || !fs.existsSync(file)) return null;
  const Database = createRequire(createRequire(import.meta.url).resolve("@libsql/client"))("libsql") as new (file: string, options?: { timeout?: number }) => NativeSqlite;
  return new Database(file, { timeout: 5_000 });
}

export async function startupWork(url: string): Promise<StartupWork> {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ last: string | null; seeded: boolean }>(QUERY("drizzle.__drizzle_migrations"));
      return decide(rows[0], "pg");
    } catch (error) {
      // 42P01 undefined_table, 3F000 invalid_schema_name: nothing was ever migrated here.
      if (["42P01", "3F000"].includes((error as { code?: string }).code ?? "")) return NEVER_MIGRATED;
      throw error;
    } finally {
      await client.end();
    }
  }
  const db = openNativeSqlite(url);
  if (!db) return NEVER_MIGRATED;
  try {
    return decide(db.prepare(QUERY("__drizzle_migrations")).get() as { last: unknown; seeded: unknown }, "sqlite");
  } catch (error) {
    if (/no such table/i.test(String((error as Error).message))) return NEVER_MIGRATED;
    throw error;
  } finally {
    db.close();
  }
}
