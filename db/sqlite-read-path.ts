// The pages' reads on SQLite, without @libsql/client's per-query costs. Outside a transaction, a drizzle
// select of columns (`db.select(fields)…`, the reads of every page) goes through @libsql/client, which
// prepares the statement again at every call and builds every row as an object with two defined
// properties per column, which drizzle then reads back as an array. About half of a page query's time
// was spent in that layer (docs/benchmarks.md, seventh pass). Here such a select runs instead on a
// connection of its own, read-only (`query_only`), opened on the same file (WAL: it sees every committed
// write), through statements prepared once and kept (a bounded cache), reading rows as plain arrays:
// exactly what drizzle maps into the select's objects, column by column, as it does for libsql.
//
// Only that path changes: transactions, writes (also a lone `insert … returning`), raw `db.all(sql)`
// and `db.run(sql)` keep @libsql/client, and so do all queries inside database.transaction(). The
// change is made on the root session of drizzle's libsql driver (its prepareQuery, not a public API):
// if a drizzle upgrade moves it, nothing changes but the speed, and db/sqlite-read-path.test.ts fails.
import "server-only";
import { fillPlaceholders, type Query } from "drizzle-orm";
import Libsql from "libsql";

// Statements kept at most: a page runs a few dozen distinct ones; a list filtered by a variable number
// of ids (`IN (?, ?, …)`) makes one per count, which the bound keeps from growing without limit.
const MAX_STATEMENTS = 256;
// A plain select only: a statement that starts with WITH may end in an insert or an update.
const SELECT = /^\s*select\b/i;

type Connection = InstanceType<typeof Libsql>;
type Statement = ReturnType<Connection["prepare"]>;
type PreparedQuery = { values: (placeholders?: Record<string, unknown>) => Promise<unknown[][]> };
type Session = {
  prepareQuery: (query: Query, fields: unknown, ...rest: unknown[]) => PreparedQuery;
};

export type SqliteReadPath = {
  /** How many selects it has answered, how many statements it keeps, how many connections it opened (for its tests). */
  readonly reads: number;
  readonly statements: number;
  readonly connections: number;
  close(): void;
};

// On the drizzle database itself, under a global symbol: the server's own copy of this module (lib/cli/
// server.ts, outside Next's bundles) finds the path the bundles' copy made.
const PATH = Symbol.for("partner-manager.sqlite-read-path");

/** The read path of a drizzle database, if it has one. */
export function sqliteReadPath(db: object): SqliteReadPath | undefined {
  return (db as { [PATH]?: SqliteReadPath })[PATH];
}

/** The value @libsql/client would bind for `v` (booleans and dates as numbers, buffers as blobs). */
function bindable(v: unknown): unknown {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  return v;
}

/**
 * Sends the column selects of `db` (a drizzle libsql database, outside any transaction) to a read-only
 * connection on `file`. Null when the driver's session does not have the expected shape.
 */
export function readSelectsNatively(db: unknown, file: string): SqliteReadPath | null {
  const session = (db as { session?: Session }).session;
  if (!session || typeof session.prepareQuery !== "function") return null;
  let connection: Connection | null = null;
  let closed = false;
  const statements = new Map<string, Statement>();
  let reads = 0;
  let connections = 0;

  const statement = (sql: string): Statement => {
    connection ??= (() => {
      const c = new Libsql(file, { timeout: 10_000 } as never);
      c.exec("PRAGMA query_only = 1");
      connections++;
      return c;
    })();
    let s = statements.get(sql);
    if (s) {
      // Most recently used last: the first key is the one to drop.
      statements.delete(sql);
    } else {
      s = connection.prepare(sql).raw(true);
      if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, s);
    return s;
  };

  const prepareQuery = session.prepareQuery.bind(session);
  session.prepareQuery = (query, fields, ...rest) => {
    const prepared = prepareQuery(query, fields, ...rest);
    if (fields && SELECT.test(query.sql)) {
      const { sql, params } = query;
      prepared.values = async (placeholders) => {
        if (closed) throw new Error("The database is closed");
        const bound = fillPlaceholders(params, placeholders ?? {}).map(bindable);
        const rows = statement(sql).all(bound) as unknown[][];
        reads++;
        return rows;
      };
    }
    return prepared;
  };

  const path: SqliteReadPath = {
    get reads() { return reads; },
    get statements() { return statements.size; },
    get connections() { return connections; },
    close() {
      closed = true;
      statements.clear();
      if (connection?.open) connection.close();
      connection = null;
    },
  };
  Object.defineProperty(db, PATH, { value: path });
  return path;
}
