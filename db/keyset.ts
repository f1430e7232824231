// Keyset pagination conditions shared by every list in db/.
import { and, eq, gt, gte, lt, lte, or, sql, type AnyColumn, type SQL, type Table } from "drizzle-orm";
import { getDatabase } from "./client";

/**
 * Rows that come after `cursor` in (at DESC, id DESC) order. The redundant `at <= cursor.at` gives both
 * engines a range bound on the (…, at, id) index, so a deep page is an index range scan, not a filter
 * over every newer row (docs/benchmarks.md).
 */
export function olderThan(at: AnyColumn, id: AnyColumn, cursor: { at: Date; id: string | number }): SQL {
  return and(lte(at, cursor.at), or(lt(at, cursor.at), and(eq(at, cursor.at), lt(id, cursor.id))))!;
}

/** The same for (at ASC, id ASC) order. */
export function newerThan(at: AnyColumn, id: AnyColumn, cursor: { at: Date; id: string | number }): SQL {
  return and(gte(at, cursor.at), or(gt(at, cursor.at), and(eq(at, cursor.at), gt(id, cursor.id))))!;
}

/**
 * The distinct values of `column` among the rows where `scope.column = scope.value`, at most `limit`,
 * read as a loose index scan: one probe of an index on (scope column, column, …) per distinct value,
 * so the cost grows with the number of distinct values, not with the rows (a DISTINCT would read
 * every row of the scope). Both engines run the recursive CTE the same way.
 */
export function distinctByIndex({ table, scope, column, limit }: { table: Table; scope: { column: AnyColumn; value: string }; column: AnyColumn; limit: number }): SQL {
  const next = (after: SQL) => sql`(SELECT ${column} FROM ${table} WHERE ${scope.column} = ${scope.value} AND ${column} > ${after} ORDER BY ${column} LIMIT 1)`;
  const first = sql`(SELECT ${column} FROM ${table} WHERE ${scope.column} = ${scope.value} AND ${column} IS NOT NULL ORDER BY ${column} LIMIT 1)`;
  return sql`WITH RECURSIVE distinct_values(value, n) AS (
    SELECT ${first}, 1
    UNION ALL
    SELECT ${next(sql.raw("distinct_values.value"))}, n + 1 FROM distinct_values WHERE value IS NOT NULL AND n < ${limit}
  ) SELECT value FROM distinct_values WHERE value IS NOT NULL`;
}

/** The rows of a raw statement, whichever engine runs it (drizzle's libsql driver has no execute()). */
export async function rawRows<T>(q: SQL): Promise<T[]> {
  const { db, dialect } = getDatabase();
  if (dialect === "postgres") return (await db.execute(q)).rows as T[];
  return (db as unknown as { all(q: SQL): Promise<T[]> }).all(q);
}

/**
 * `column` contains `text`, case-insensitively, LIKE's wildcards in `text` taken literally (filter searches).
 * Text holding a NUL byte matches nothing: no stored text holds one (input refuses it), and PostgreSQL
 * refuses the query itself (a `%00` in a search's address was a 500).
 */
export function containsText(column: AnyColumn, text: string): SQL {
  if (text.includes("\0")) return sql`1 = 0`;
  const pattern = `%${text.trim().slice(0, 100).toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`lower(${column}) like ${pattern} escape '\\'`;
}
