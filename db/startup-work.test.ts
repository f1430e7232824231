// What `npm start` checks before serving (lib/cli/server.ts): one query says whether a migration of the
// committed journal is missing and whether the database is empty, so an up-to-date database costs one
// round trip and neither the database client, drizzle's migrator nor the demo data is loaded. Both engines.
import fs from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setDatabase } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { startupWork } from "@/db/startup-work";
import { createBlankTestDatabase, enginesUnderTest } from "@/lib/testing/db";

describe.each(enginesUnderTest())("what a start has to do, on %s", (engine) => {
  const open: { dispose(): Promise<void> }[] = [];
  afterEach(async () => {
    setDatabase(undefined);
    await Promise.all(open.splice(0).map((d) => d.dispose()));
  });

  it("migrate and seed on a database never migrated; seed only once migrated; nothing once seeded", async () => {
    const blank = await createBlankTestDatabase(engine);
    open.push(blank);
    const { database } = blank;
    if (engine === "sqlite") {
      // A file not created yet: the check does not create it either.
      const missing = path.join(path.dirname(blank.url.slice("file:".length)), "missing.db");
      expect(await startupWork(`file:${missing}`)).toEqual({ migrate: true, seed: true });
      expect(fs.existsSync(missing)).toBe(false);
    }
    expect(await startupWork(blank.url)).toEqual({ migrate: true, seed: true });
    await database.migrate();
    expect(await startupWork(blank.url)).toEqual({ migrate: false, seed: true });
    setDatabase(database);
    await seedDemoData();
    expect(await startupWork(blank.url)).toEqual({ migrate: false, seed: false });
  });

  it("migrate when the journal's newest migration is not applied, as drizzle's migrator decides", async () => {
    const blank = await createBlankTestDatabase(engine);
    open.push(blank);
    const { database } = blank;
    await database.migrate();
    const table = engine === "sqlite" ? sql`__drizzle_migrations` : sql`drizzle.__drizzle_migrations`;
    const newest = sql`(SELECT max(created_at) FROM ${table})`;
    const run = (q: SQL) => (engine === "sqlite" ? (database.db as unknown as { run(q: SQL): Promise<unknown> }).run(q) : database.db.execute(q));
    // As if this build brought one migration more than the database has seen.
    await run(sql`DELETE FROM ${table} WHERE created_at = ${newest}`);
    expect(await startupWork(blank.url)).toEqual({ migrate: true, seed: true });
    // Every migration gone from the table (but the table there): all pending.
    await run(sql`DELETE FROM ${table}`);
    expect((await startupWork(blank.url)).migrate).toBe(true);
  });
});
