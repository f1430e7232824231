// Delivers the notification outbox: claims due rows, sends them, records the outcome, retries later.
//
// Why a message is never sent twice: a row is claimed with a conditional update that sets a lease
// (lockedUntil), so two workers (the in-app loop and `npm run worker`) never hold it at once, and it
// is marked `sent` right after the SMTP server accepts it. The one remaining window, a crash between
// the server's acceptance and markSent, would resend it after the lease expires; the message then
// carries the same Message-ID (see transport.ts), so the receiving side can drop the duplicate.
// Why none is lost: the row is written in the change's own transaction and stays `pending` through
// every failed attempt until it is accepted or MAX_ATTEMPTS is reached.
import "server-only";
import { claimDueMessages, markAttemptFailed, markSent } from "@/db/outbox";
import { env } from "@/lib/env";
import { createTransport, type MailTransport } from "./transport";

export const LEASE_MS = 60_000;
// Hourly retries for about three days outlast any ordinary mail-server outage; after that the row
// shows as failed to auditors, who can retry it by hand.
export const MAX_ATTEMPTS = 80;
const BASE_DELAY_MS = 15_000;
const MAX_DELAY_MS = 60 * 60_000;
const BATCH = 20;

/**
 * When to try again after `attempts` failed attempts (counting the one that just failed):
 * 15 s, 30 s, 1 min, ... doubling up to 1 h; null once MAX_ATTEMPTS have failed (give up).
 */
export function nextRetryAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const delay = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return new Date(now.getTime() + delay);
}

export type DeliveryReport = { claimed: number; sent: number; failed: number };

export async function deliverDueMessages({ transport, now = new Date(), limit = BATCH }: {
  transport: MailTransport;
  now?: Date;
  limit?: number;
}): Promise<DeliveryReport> {
  const rows = await claimDueMessages({ now, limit, leaseMs: LEASE_MS });
  const report: DeliveryReport = { claimed: rows.length, sent: 0, failed: 0 };
  const started = Date.now();
  for (const row of rows) {
    // Slow sends must not outlive the lease, or another worker could claim and send the same rows;
    // the rest of the batch is picked up again once its lease expires.
    if (Date.now() - started > LEASE_MS / 2) break;
    try {
      await transport.send(row);
    } catch (error) {
      report.failed++;
      await markAttemptFailed({ id: row.id, error: describe(error), retryAt: nextRetryAt(row.attempts + 1, now) });
      continue;
    }
    // Outside the try: a failure to record success must not be recorded as a failed send.
    await markSent({ id: row.id, at: now });
    report.sent++;
  }
  return report;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Loop = {
  transport: MailTransport;
  pollMs: number;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  again: boolean;
  stopped: boolean;
  lastError: string | null;
};

// On globalThis, not in module scope: Next compiles instrumentation and route handlers as separate
// bundles, so each has its own copy of this module, and a kick from an action must reach the loop
// the instrumentation hook started (and a dev-server reload must not start a second one).
const globalForWorker = globalThis as unknown as { partnerManagerOutboxWorker?: Loop };

/** Starts the polling loop once per process; later calls return without starting another. */
export function startOutboxWorker(options: { transport?: MailTransport; pollMs?: number } = {}): void {
  if (globalForWorker.partnerManagerOutboxWorker) return;
  const loop: Loop = {
    transport: options.transport ?? createTransport(),
    pollMs: options.pollMs ?? env().OUTBOX_POLL_MS,
    timer: null,
    running: null,
    again: false,
    stopped: false,
    lastError: null,
  };
  globalForWorker.partnerManagerOutboxWorker = loop;
  console.info(`Outbox worker: delivering to ${loop.transport.target} every ${loop.pollMs} ms`);
  schedule(loop, 0);
}

/** Runs the loop now, e.g. right after a commit that queued mail; a no-op if no loop runs here. */
export function kickOutboxWorker(): void {
  const loop = globalForWorker.partnerManagerOutboxWorker;
  if (loop && !loop.stopped) schedule(loop, 0);
}

/** Stops the loop and waits for a run in progress to finish. */
export async function stopOutboxWorker(): Promise<void> {
  const loop = globalForWorker.partnerManagerOutboxWorker;
  if (!loop) return;
  loop.stopped = true;
  if (loop.timer) clearTimeout(loop.timer);
  await loop.running;
  globalForWorker.partnerManagerOutboxWorker = undefined;
}

function schedule(loop: Loop, delayMs: number): void {
  if (loop.timer) clearTimeout(loop.timer);
  loop.timer = setTimeout(() => void tick(loop), delayMs);
  // The loop alone must not keep a process (a test, a script) alive.
  loop.timer.unref();
}

async function tick(loop: Loop): Promise<void> {
  loop.timer = null;
  if (loop.stopped) return;
  // Never two runs at once: a kick during a run asks for one more pass, so a row committed after
  // this run's claim still goes out right away instead of waiting for the next poll.
  if (loop.running) {
    loop.again = true;
    return;
  }
  loop.running = (async () => {
    do {
      loop.again = false;
      try {
        const report = await deliverDueMessages({ transport: loop.transport });
        if (report.failed > 0) console.warn(`Outbox worker: ${report.failed} of ${report.claimed} messages not accepted (see their lastError)`);
        // A full batch means more may be waiting.
        if (report.claimed === BATCH) loop.again = true;
        loop.lastError = null;
      } catch (error) {
        // The full error once, then one line per run while the same problem lasts (e.g. database down).
        const message = describe(error);
        if (message === loop.lastError) console.error(`Outbox worker: delivery run failed again: ${message}`);
        else console.error("Outbox worker: delivery run failed", error);
        loop.lastError = message;
      }
    } while (loop.again && !loop.stopped);
  })();
  await loop.running;
  loop.running = null;
  if (!loop.stopped) schedule(loop, loop.pollMs);
}
