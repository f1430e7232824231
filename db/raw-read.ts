// Rows as plain arrays, for the large exports: a million rows read through drizzle (and, on SQLite,
// through @libsql/client, which makes each row an object with two defined properties per column) spend
// more time building and collecting those objects than reading them. A RawReader runs a query that
// drizzle built (`.toSQL()`) and hands back each row as an array in the select's order, with the
// driver's values (SQLite: numbers and text; PostgreSQL: pg's values, timestamps as text); the caller
// converts the few columns that need it with the column's own `mapFromDriverValue`.
import "server-only";
import { Column, is } from "drizzle-orm";
import Libsql from "libsql";
import pg from "pg";
import { keysetPages } from "@/lib/csv";
import { getDatabase, type Database } from "./client";

export type RawQuery = { sql: string; params: unknown[] };
export type RawRow = unknown[];

export type RawReader = {
  rows(query: RawQuery): Promise<RawRow[]>;
  /** Releases the reader's own connection (SQLite); safe to call twice. */
  close(): void;
};

/** pg's parsers but drizzle's for time types (kept as text: the columns' mapFromDriverValue reads them as drizzle does). */
const PG_TEXT_TYPES = new Set([pg.types.builtins.TIMESTAMPTZ, pg.types.builtins.TIMESTAMP, pg.types.builtins.DATE, pg.types.builtins.INTERVAL, 1231, 1115, 1185, 1187, 1182]);
const pgTypes = {
  getTypeParser: ((typeId: number, format?: "text" | "binary") =>
    PG_TEXT_TYPES.has(typeId) ? (v: string) => v : pg.types.getTypeParser(typeId, format)) as typeof pg.types.getTypeParser,
};

/** The main database file of an SQLite client, as SQLite itself names it. */
const sqliteFiles = new WeakMap<Database, Promise<string>>();
function sqliteFile(database: Database): Promise<string> {
  let file = sqliteFiles.get(database);
  if (!file) {
    const client = (database.db as unknown as { $client: { execute(sql: string): Promise<{ rows: Array<Record<string, unknown>> }> } }).$client;
    file = client.execute("PRAGMA database_list").then(({ rows }) => {
      const main = rows.find((r) => r.name === "main");
      if (!main || typeof main.file !== "string" || !main.file) throw new Error("raw reader: the SQLite database has no file");
      return main.file;
    });
    sqliteFiles.set(database, file);
  }
  return file;
}

/**
 * A reader on the process's database. On SQLite it is a connection of its own, read-only
 * (`query_only`), opened on the same file (WAL: it sees every committed write); close it when done.
 * On PostgreSQL it borrows the pool's connections query by query (nothing to close).
 */
export async function openRawReader(database: Database = getDatabase()): Promise<RawReader> {
  if (database.dialect === "postgres") {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    return {
      rows: async ({ sql, params }) => (await pool.query<RawRow>({ text: sql, values: params, rowMode: "array", types: pgTypes })).rows,
      close: () => undefined,
    };
  }
  const connection = new Libsql(await sqliteFile(database), { timeout: 10_000 } as never);
  connection.exec("PRAGMA query_only = 1");
  const statements = new Map<string, ReturnType<typeof connection.prepare>>();
  return {
    // Synchronous in SQLite, like every query of this process's SQLite client: the caller keeps its chunks small.
    rows: async ({ sql, params }) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql).raw(true);
        statements.set(sql, statement);
      }
      return statement.all(params) as RawRow[]; // one array: positional, as @libsql/client passes them
    },
    close: () => {
      statements.clear();
      if (connection.open) connection.close();
    },
  };
}

type Decoder = (value: unknown) => unknown;

/**
 * The rows of a drizzle select of plain columns (`db.select(fields)…`), read through `reader`: the same
 * objects awaiting the query gives (each value through its column's `mapFromDriverValue`, null kept),
 * without the driver's per-row objects. `fields` is the object the select was given, in its key order
 * (the order of the SQL's columns); an expression in it is refused rather than guessed.
 */
export async function readSelect<Q extends PromiseLike<unknown[]> & { toSQL(): RawQuery }>(reader: RawReader, query: Q, fields: Record<string, unknown>): Promise<Awaited<Q>> {
  const keys = Object.keys(fields);
  const decoders: Decoder[] = keys.map((k) => {
    const column = fields[k] as { mapFromDriverValue?: Decoder } | null;
    // is(): drizzle's own check, which holds across bundled copies of drizzle (instanceof does not).
    if (!is(column, Column) || typeof column.mapFromDriverValue !== "function") throw new Error(`readSelect: "${k}" is not a column`);
    return column.mapFromDriverValue.bind(column);
  });
  const rows = await reader.rows(query.toSQL());
  const out = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const o: Record<string, unknown> = {};
    for (let c = 0; c < keys.length; c++) {
      const v = r[c];
      o[keys[c]!] = v === null || v === undefined ? null : decoders[c]!(v);
    }
    out[i] = o;
  }
  return out as Awaited<Q>;
}

/**
 * A keyset-paginated list read page after page on a reader of its own, as an export's batches: the
 * reader closes when the pages end or the export does (the generator's return, when the client leaves).
 */
export async function* readerPages<R, C>(load: (cursor: C | undefined, reader: RawReader) => Promise<{ rows: R[]; next: C | null }>): AsyncGenerator<R[]> {
  const reader = await openRawReader();
  try {
    yield* keysetPages((cursor: C | undefined) => load(cursor, reader));
  } finally {
    reader.close();
  }
}

/**
 * Whether an export should load its next batch while the current one is written (csvResponse's
 * `readAhead`): only where that overlaps, on PostgreSQL, which runs the query in its own process; SQLite
 * runs it on this thread.
 */
export function exportReadsAhead(): boolean {
  return getDatabase().dialect === "postgres";
}
