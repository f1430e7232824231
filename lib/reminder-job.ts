// The daily reminder job for overdue invoices (db/reminders.ts) under its own job lease, so one instance
// runs it at a time. The app's hourly schedule runs it after the renewals (lib/renewal-schedule.ts);
// `npm run reminders` runs it once from cron. Running it more often than daily sends nothing twice.
import "server-only";
import { runExclusively } from "@/db/job-lease";
import { runDueReminders, type ReminderReport } from "@/db/reminders";

export const REMINDERS_JOB = "invoice-reminders";
const REMINDERS_LEASE_MS = 5 * 60_000;

export async function runRemindersExclusively({ now, shouldStop = () => false }: { now?: Date; shouldStop?: () => boolean } = {}): Promise<{ ran: true; value: ReminderReport } | { ran: false }> {
  return runExclusively({ name: REMINDERS_JOB, ttlMs: REMINDERS_LEASE_MS }, (lease) => runDueReminders({ now, shouldStop: () => shouldStop() || lease.lost() }));
}
