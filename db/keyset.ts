// Keyset pagination conditions shared by every list in db/.
import { and, eq, gt, gte, lt, lte, or, type AnyColumn, type SQL } from "drizzle-orm";

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
