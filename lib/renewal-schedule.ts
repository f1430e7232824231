// Runs the automatic renewals inside the app: soon after start, then every hour. `npm run renewals`
// does the same once; both may run together, as each renewal is conditional and deduplicated.
import "server-only";
import { runDueRenewals } from "@/db/renewals";

const HOUR_MS = 60 * 60_000;
const FIRST_RUN_DELAY_MS = 5_000;

type Schedule = { timer: NodeJS.Timeout | null; running: boolean; stopped: boolean };
// On globalThis for the same reason as the outbox worker: one schedule per process, whichever bundle starts it.
const globalForRenewals = globalThis as unknown as { partnerManagerRenewals?: Schedule };

export function startRenewalSchedule({ intervalMs = HOUR_MS }: { intervalMs?: number } = {}): void {
  if (globalForRenewals.partnerManagerRenewals) return;
  const schedule: Schedule = { timer: null, running: false, stopped: false };
  globalForRenewals.partnerManagerRenewals = schedule;
  const next = (delay: number) => {
    if (schedule.stopped) return;
    schedule.timer = setTimeout(() => void run(), delay);
    schedule.timer.unref();
  };
  const run = async () => {
    if (schedule.running) return;
    schedule.running = true;
    try {
      const report = await runDueRenewals();
      if (report.renewed + report.failed > 0) console.info(`Renewals: ${report.renewed} renewed, ${report.failed} failed, ${report.skipped} already done`);
    } catch (error) {
      console.error("Renewals: run failed", error);
    } finally {
      schedule.running = false;
      next(intervalMs);
    }
  };
  console.info(`Renewals: automatic renewals run every ${Math.round(intervalMs / 60_000)} min`);
  next(FIRST_RUN_DELAY_MS);
}

export function stopRenewalSchedule(): void {
  const schedule = globalForRenewals.partnerManagerRenewals;
  if (!schedule) return;
  schedule.stopped = true;
  if (schedule.timer) clearTimeout(schedule.timer);
  globalForRenewals.partnerManagerRenewals = undefined;
}
