// Runs the automatic renewals inside the app: soon after start, then every hour. `npm run renewals`
// does the same once. Each run takes the "renewals" job lease (db/job-lease.ts), so with several
// instances (or the app and cron) one runs it at a time; and each renewal is conditional and
// deduplicated anyway, so nothing is renewed twice even if a lease were lost mid-run.
import "server-only";
import { runExclusively } from "@/db/job-lease";
import { runDueRenewals, type RenewalReport } from "@/db/renewals";
import { runRemindersExclusively } from "./reminder-job";

const HOUR_MS = 60 * 60_000;
const FIRST_RUN_DELAY_MS = 5_000;
export const RENEWALS_JOB = "renewals";
// Renewed every third of it while a run lasts; a crashed holder blocks the job for at most this long.
export const RENEWALS_LEASE_MS = 5 * 60_000;

/** One run under the job lease; `ran: false` when another instance holds it. */
export async function runRenewalsExclusively(shouldStop: () => boolean = () => false): Promise<{ ran: true; value: RenewalReport } | { ran: false }> {
  return runExclusively({ name: RENEWALS_JOB, ttlMs: RENEWALS_LEASE_MS }, (lease) => runDueRenewals({ shouldStop: () => shouldStop() || lease.lost() }));
}

type Schedule = { timer: NodeJS.Timeout | null; running: Promise<void> | null; stopped: boolean };
// On globalThis for the same reason as the outbox worker: one schedule per process, whichever bundle starts it.
const globalForRenewals = globalThis as unknown as { partnerManagerRenewals?: Schedule };

export function startRenewalSchedule({ intervalMs = HOUR_MS, firstRunMs = FIRST_RUN_DELAY_MS }: { intervalMs?: number; firstRunMs?: number } = {}): void {
  if (globalForRenewals.partnerManagerRenewals) return;
  const schedule: Schedule = { timer: null, running: null, stopped: false };
  globalForRenewals.partnerManagerRenewals = schedule;
  const next = (delay: number) => {
    if (schedule.stopped) return;
    schedule.timer = setTimeout(() => { schedule.running = run(); }, delay);
    schedule.timer.unref();
  };
  const run = async () => {
    try {
      const outcome = await runRenewalsExclusively(() => schedule.stopped);
      const switches = outcome.ran ? outcome.value.switches : undefined;
      if (switches && switches.applied + switches.dropped > 0) console.info(`Scheduled switches: ${switches.applied} applied, ${switches.dropped} dropped`);
      if (outcome.ran && outcome.value.renewed + outcome.value.failed > 0) {
        const r = outcome.value;
        console.info(`Renewals: ${r.renewed} renewed, ${r.failed} failed, ${r.skipped} already done`);
      }
      // Then the overdue invoices' reminders (their own lease; idempotent, so hourly is harmless).
      const reminders = await runRemindersExclusively({ shouldStop: () => schedule.stopped });
      if (reminders.ran && reminders.value.sent > 0) console.info(`Reminders: ${reminders.value.sent} overdue invoice(s) reminded`);
    } catch (error) {
      console.error("Renewals: run failed", error);
    } finally {
      schedule.running = null;
      next(intervalMs);
    }
  };
  console.info(`Renewals: automatic renewals run every ${Math.round(intervalMs / 60_000)} min`);
  next(firstRunMs);
}

/** Stops the schedule; a run in progress stops before its next product, gives the lease back and is awaited. */
export async function stopRenewalSchedule(): Promise<void> {
  const schedule = globalForRenewals.partnerManagerRenewals;
  if (!schedule) return;
  schedule.stopped = true;
  if (schedule.timer) clearTimeout(schedule.timer);
  await schedule.running;
  globalForRenewals.partnerManagerRenewals = undefined;
}
