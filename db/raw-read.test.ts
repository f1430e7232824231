// The raw reader of the large exports: arrays in the select's order, the driver's values (converted by
// the columns exactly as drizzle converts them), and on SQLite a connection of its own that cannot write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, gt } from "drizzle-orm";
import { getDatabase } from "./client";
import { seedDemoData } from "./seed";
import { openRawReader, readerPages, type RawReader } from "./raw-read";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe.each(enginesUnderTest())("openRawReader on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => { await t.dispose(); });

  it("gives the rows drizzle gives, as arrays in the select's order", async () => {
    const { db, schema } = getDatabase();
    const a = schema.auditEvents;
    const fields = { seq: a.seq, id: a.id, createdAt: a.createdAt, before: a.before, after: a.after, kind: a.kind };
    const query = db.select(fields).from(a).where(eq(a.outcome, "ok")).orderBy(asc(a.seq)).limit(40);
    const expected = await query;
    expect(expected.length).toBeGreaterThan(5);
    const reader = await openRawReader();
    try {
      const rows = await reader.rows(query.toSQL());
      expect(rows.map((r) => [
        r[0], r[1], a.createdAt.mapFromDriverValue(r[2] as never),
        r[3] === null ? null : a.before.mapFromDriverValue(r[3] as never), r[4] === null ? null : a.after.mapFromDriverValue(r[4] as never), r[5],
      ])).toEqual(expected.map((e) => [e.seq, e.id, e.createdAt, e.before, e.after, e.kind]));
      expect(rows.every((r) => Array.isArray(r) && r.length === 6)).toBe(true);
    } finally {
      reader.close();
    }
  });

  it("reads a list page after page on one reader, which closes when the pages end or are abandoned", async () => {
    const { db, schema } = getDatabase();
    const o = schema.organizations;
    const names = (await db.select({ name: o.name }).from(o).orderBy(asc(o.name))).map((r) => r.name);
    expect(names.length).toBeGreaterThan(4);
    const seen: RawReader[] = [];
    // Two names a page, keyed by the last name read.
    const pages = () => readerPages(async (after: string | undefined, reader) => {
      seen.push(reader);
      const rows = (await reader.rows(db.select({ name: o.name }).from(o).where(after === undefined ? undefined : gt(o.name, after)).orderBy(asc(o.name)).limit(3).toSQL())).map((r) => r[0] as string);
      return { rows: rows.slice(0, 2), next: rows.length > 2 ? rows[1]! : null };
    });
    const read: string[] = [];
    for await (const page of pages()) read.push(...page);
    expect(read).toEqual(names);
    expect(new Set(seen).size).toBe(1);
    const closed = async (reader: RawReader) => {
      if (engine !== "sqlite") return true; // PostgreSQL's reader borrows the pool: nothing of its own to close
      return reader.rows(db.select({ name: o.name }).from(o).limit(1).toSQL()).then(() => false, () => true);
    };
    expect(await closed(seen[0]!)).toBe(true);
    seen.length = 0;
    const abandoned = pages();
    expect((await abandoned.next()).value).toEqual(names.slice(0, 2));
    await abandoned.return(undefined);
    expect(await closed(seen[0]!)).toBe(true);
  });

  it("reads what was committed after it opened, and cannot write", async () => {
    const { db, schema } = getDatabase();
    const o = schema.organizations;
    const reader = await openRawReader();
    try {
      const count = async () => Number((await reader.rows(db.select({ id: o.id }).from(o).where(eq(o.name, "Raw Reader AG")).toSQL())).length);
      expect(await count()).toBe(0);
      await getDatabase().transaction((tx) => tx.insert(o).values({ id: crypto.randomUUID(), name: "Raw Reader AG", currency: "CHF", country: "CH", createdAt: new Date() }));
      expect(await count()).toBe(1);
      if (engine === "sqlite") {
        await expect(reader.rows(db.update(o).set({ name: "Changed" }).where(eq(o.name, "Raw Reader AG")).returning({ id: o.id }).toSQL())).rejects.toThrow(/readonly|read-only|query_only/i);
        expect(await count()).toBe(1);
      }
    } finally {
      reader.close();
      reader.close(); // twice is harmless
    }
  });
});
