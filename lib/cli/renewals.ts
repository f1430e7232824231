// `npm run renewals`: renews every product whose renewal date has come, once, then exits.
// Safe to run from cron next to the app's own hourly schedule: nothing is ever renewed twice.
import { getDatabase } from "@/db/client";
import { runDueRenewals } from "@/db/renewals";
import { env } from "@/lib/env";

try {
  env();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const report = await runDueRenewals();
console.log(`Renewals: ${report.renewed} renewed, ${report.skipped} already renewed elsewhere, ${report.failed} failed.`);
await getDatabase().close();
process.exit(report.failed > 0 ? 1 : 0);
