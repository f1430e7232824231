// `npm run renewals`: applies the scheduled payment-mode switches whose date has come, then renews every
// product whose renewal date has come, once, then exits.
// Safe to run from cron next to the app's own hourly schedule: it takes the same job lease (one run
// at a time), and nothing is ever renewed twice in any case.
import { getDatabase } from "@/db/client";
import { testClockConfigured } from "@/lib/clock";
import { env } from "@/lib/env";
import { runRenewalsExclusively } from "@/lib/renewal-schedule";

try {
  env();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

if (testClockConfigured()) console.warn("Renewals: TEST_CLOCK_FILE is set: the time is read from that file (tests only).");
const outcome = await runRenewalsExclusively();
await getDatabase().close();
if (!outcome.ran) {
  console.log("Renewals: another instance is running them right now; nothing done here.");
  process.exit(0);
}
const report = outcome.value;
const switches = report.switches ?? { applied: 0, dropped: 0, skipped: 0 };
console.log(`Scheduled switches: ${switches.applied} applied, ${switches.dropped} dropped, ${switches.skipped} already done elsewhere.`);
console.log(`Renewals: ${report.renewed} renewed, ${report.skipped} already renewed elsewhere, ${report.failed} failed.`);
process.exit(report.failed > 0 ? 1 : 0);
