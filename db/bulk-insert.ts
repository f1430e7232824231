// Bulk loading for large data sets (npm run seed:large): many rows per statement, many statements per
// transaction, through the project's schema (table and column names come from db/schema/). On
// PostgreSQL a batch is one INSERT … SELECT FROM unnest($1::type[], …): one array parameter per column,
// so a 10 000-row batch is one statement with as many parameters as the table has columns (COPY-like).
// On SQLite it is multi-row INSERTs sized under SQLite's 32 766 bound parameters.
import "server-only";
import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { getDatabase, type Executor, type Schema } from "./client";

export type BulkWriter = {
  /** A drizzle executor bound to the same transaction, for the few updates a load makes. */
  db: Executor;
  insert<T extends Table>(table: T, rows: T["$inferInsert"][]): Promise<void>;
};

const SQLITE_MAX_PARAMS = 32_000;

async function insertUnnest(client: pg.PoolClient, table: Table, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((r) => r[key] !== undefined));
  const arrays = columns.map(([key, col]) => {
    const json = col.getSQLType() === "jsonb";
    return rows.map((r) => {
      const v = r[key];
      if (v === undefined || v === null) return null;
      return json ? JSON.stringify(v) : v;
    });
  });
  const names = columns.map(([, col]) => `"${col.name}"`).join(", ");
  const unnest = columns.map(([, col], i) => `$${i + 1}::${col.getSQLType()}[]`).join(", ");
  await client.query(`INSERT INTO "${getTableName(table)}" (${names}) SELECT * FROM unnest(${unnest})`, arrays);
}

/** Runs fn in one transaction with a writer that inserts in bulk; commits, or rolls back on error. */
export async function bulkTransaction(fn: (w: BulkWriter) => Promise<void>): Promise<void> {
  const database = getDatabase();
  if (database.dialect === "postgres") {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const db = drizzlePg(client, { schema: database.schema as Schema }) as unknown as Executor;
      await fn({ db, insert: (table, rows) => insertUnnest(client, table, rows as Record<string, unknown>[]) });
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return;
  }
  await database.transaction(async (tx) => {
    await fn({
      db: tx,
      async insert(table, rows) {
        if (rows.length === 0) return;
        const per = Math.max(1, Math.floor(SQLITE_MAX_PARAMS / Object.keys(getTableColumns(table)).length));
        for (let i = 0; i < rows.length; i += per) {
          await (tx as unknown as { insert(t: Table): { values(v: unknown[]): Promise<unknown> } }).insert(table).values(rows.slice(i, i + per));
        }
      },
    });
  });
}
