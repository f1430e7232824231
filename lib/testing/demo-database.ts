// For a describe block: a fresh database of one engine, seeded with the demo data, dropped afterwards.
import { seedDemoData } from "@/db/seed";
import { afterAll, beforeAll } from "vitest";
import { useTestDatabase, type Engine, type TestDatabase } from "./db";

export function seededDatabaseFor(engine: Engine): { readonly current: TestDatabase } {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => { await t?.dispose(); });
  return { get current() { if (!t) throw new Error("the demo database is not ready yet"); return t; } };
}
