// npm run seed:large: the large data set of issue #10 on top of the demo data, into the database
// DATABASE_URL names (migrated and demo-seeded first if empty). Prints its duration. SEED_LARGE_SCALE
// (default 1) scales every count, e.g. 0.01 for a quick try. A database that already holds the large
// data set is left as it is.
import { getDatabase } from "@/db/client";
import { isDatabaseEmpty, seedDemoData } from "@/db/seed";
import { isLargeDataLoaded, scaleBy, seedLargeData } from "@/db/seed-large";
import { env } from "@/lib/env";

const factor = Number(process.env.SEED_LARGE_SCALE ?? 1);
if (!(factor > 0 && factor <= 10)) {
  console.error("SEED_LARGE_SCALE must be a number in (0, 10]");
  process.exit(2);
}
env();
const started = performance.now();
const database = getDatabase();
try {
  await database.migrate();
  if (await isDatabaseEmpty()) {
    await seedDemoData();
    console.log("Seeded the demo data.");
  }
  if (await isLargeDataLoaded()) {
    console.log("The large data set is already loaded: nothing to do.");
  } else {
    const report = await seedLargeData({ scale: scaleBy(factor), log: (line) => console.log(`  ${line}`) });
    const n = (k: string) => report.counts[k]!.toLocaleString("en");
    console.log(`Loaded into ${database.dialect}: ${n("clients")} client organizations with a user and a partnership with Alpine Web Studio, `
      + `${n("invoices")} invoices with ${n("invoiceLines")} lines, ${n("prepaidEntries")} prepaid entries, ${n("auditEvents")} audit events.`);
  }
  console.log(`seed:large took ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await database.close();
}
