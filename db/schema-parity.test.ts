// The two dialect schemas are kept in step by hand (db/client.ts types all queries against the
// PostgreSQL one): this makes any drift — a table, a column, its SQL name, nullability, a default,
// an index or a unique constraint present on one engine only — fail loudly.
import { getTableConfig as pgConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { is, Table } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as pg from "./schema/pg";
import * as sqlite from "./schema/sqlite";

type Shape = {
  name: string;
  columns: Record<string, { sqlName: string; notNull: boolean; hasDefault: boolean; primary: boolean }>;
  indexes: string[];
  primaryKeys: string[][];
};

function tablesOf(schema: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => is(v, Table)));
}

function shapeOf(table: unknown, dialect: "pg" | "sqlite"): Shape {
  const c = dialect === "pg" ? pgConfig(table as PgTable) : sqliteConfig(table as SQLiteTable);
  const columns = Object.fromEntries(
    Object.entries(table as Record<string, { name: string; notNull: boolean; hasDefault: boolean; primary: boolean }>)
      .filter(([, col]) => c.columns.includes(col as never))
      // SQLite gives an INTEGER PRIMARY KEY a default (the rowid); that is the engine, not drift.
      .map(([key, col]) => [key, { sqlName: col.name, notNull: col.notNull, hasDefault: col.hasDefault && !col.primary, primary: col.primary }]),
  );
  return {
    name: c.name,
    columns,
    indexes: c.indexes.map((i) => `${i.config.name}${i.config.unique ? " (unique)" : ""}`).sort(),
    primaryKeys: c.primaryKeys.map((k) => k.columns.map((col) => col.name)),
  };
}

describe("the SQLite and PostgreSQL schemas", () => {
  const pgTables = tablesOf(pg);
  const sqliteTables = tablesOf(sqlite);

  it("declare the same tables under the same names", () => {
    expect(Object.keys(sqliteTables).sort()).toEqual(Object.keys(pgTables).sort());
    expect(Object.keys(pgTables).length).toBeGreaterThan(10);
  });

  it.each(Object.keys(tablesOf(pg)))("declare %s alike: columns, SQL names, nullability, defaults, keys and indexes", (name) => {
    expect(shapeOf(sqliteTables[name], "sqlite")).toEqual(shapeOf(pgTables[name], "pg"));
  });
});
