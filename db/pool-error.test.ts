// PostgreSQL ends an idle pooled connection (a restart, a failover, idle_session_timeout): the pool emits
// 'error', which without a listener ends a process that has no catch-all (`npm run worker`, the cron
// commands). The process must live on and the next query open another connection.
import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { createBlankTestDatabase } from "@/lib/testing/db";

describe.runIf(process.env.TEST_DATABASE_URL)("the PostgreSQL pool", () => {
  it("lives on when the server ends an idle connection, and the next query opens another", async () => {
    const t = await createBlankTestDatabase("postgres");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const db = t.database.db as unknown as NodePgDatabase;
      const [row] = (await db.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend($1)", [row!.pid]);
      await admin.end();
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining("an idle connection ended")), { timeout: 5_000 });
      expect((await db.execute<{ one: number }>(sql`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
    } finally {
      warn.mockRestore();
      await t.dispose();
    }
  });
});
