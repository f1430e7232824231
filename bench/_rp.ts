import { setDatabase, getDatabase } from "@/db/client";
import { createTestDatabase } from "@/lib/testing/db";
import { seedDemoData } from "@/db/seed";
const t = await createTestDatabase("sqlite");
setDatabase(t.database);
await seedDemoData();
for (let round = 0; round < 3; round++) {
  const n = 2000;
  const s = performance.now();
  for (let i = 0; i < n; i++) { const { db, schema } = getDatabase(); await db.select().from(schema.auditEvents).limit(50); }
  console.log(round, ((performance.now() - s) * 1000 / n).toFixed(0), "µs/query");
}
await t.dispose();
