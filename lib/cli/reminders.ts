// `npm run reminders`: emails one reminder per overdue invoice and threshold (10 and 30 days past due),
// once, then exits. Safe next to the app's own schedule: the same job lease, and nothing is sent twice.
import { getDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { runRemindersExclusively } from "@/lib/reminder-job";

try {
  env();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const outcome = await runRemindersExclusively();
await getDatabase().close();
if (!outcome.ran) {
  console.log("Reminders: another instance is sending them right now; nothing done here.");
  process.exit(0);
}
console.log(`Reminders: ${outcome.value.sent} overdue invoice(s) reminded.`);
