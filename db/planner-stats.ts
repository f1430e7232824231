// SQLite's query planner reads table statistics that only ANALYZE writes (PostgreSQL's autovacuum keeps
// its own). Without them it guesses that an equality on an index's first column finds about ten rows:
// for "these fifty customers' active partnerships" it walked partnerships_status_idx (every active
// partnership of the platform, 5,000 on the large data set) rather than fifty probes of
// partnerships_customer_idx, and the same for a partner's product page (docs/benchmarks.md, sixth pass).
// `npm start` refreshes them at every start, while Next prepares, and then once a day (lib/cli/server.ts).
//
// A connection loads the statistics when it opens and when the schema changes, and a plain ANALYZE that
// rewrites an existing sqlite_stat1 is not a schema change: every connection already open (the client's
// pool, the pages' read path, a worker's, a second instance's) would plan with the old figures until it
// closed. So the refresh drops sqlite_stat1 and lets ANALYZE create it again, in one transaction: other
// connections never see it missing, and every connection of every process reloads the schema, with the
// new statistics, at its next statement (db/planner-stats.test.ts shows both). analysis_limit makes
// ANALYZE sample at most 400 rows of each index, as SQLite advises for applications: about 50 ms on the
// 2.2 GB large data set, a millisecond on the demo data; the ratios between indexes, which are what the
// planner compares, hold as the data grows.
import { openNativeSqlite } from "./startup-work";

/** Refreshes SQLite's planner statistics; null on PostgreSQL or when the file does not exist. */
export function refreshPlannerStatistics(url: string): { ms: number } | null {
  const db = openNativeSqlite(url);
  if (!db) return null;
  const started = performance.now();
  try {
    db.exec("PRAGMA analysis_limit = 400");
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec("DROP TABLE IF EXISTS sqlite_stat1");
      db.exec("ANALYZE");
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.close();
  }
  return { ms: Math.round(performance.now() - started) };
}
