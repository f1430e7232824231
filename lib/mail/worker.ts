// Delivers the notification outbox: claims due rows, sends them, records the outcome, retries later.
//
// Why a message is never sent twice: a row is claimed under a lease (lockedUntil) and a fencing token
// (leaseToken): no other worker, in this process or another instance, claims it while the lease runs
// (PostgreSQL claims skip rows another instance is claiming: FOR UPDATE SKIP LOCKED); sends stop being
// started after half the lease, and a send still in flight has its lease extended while it lasts (an
// SMTP server may take up to the transport's timeout for each step of one send). It is marked `sent` as soon as the
// SMTP server accepts it (acceptances are committed together, a few milliseconds apart), and only
// under its token: a worker whose lease ran out cannot overwrite what the next holder did. On SIGTERM
// (stopOutboxWorker) no new row is claimed or started, sends in flight finish and are marked, the rest
// is released for another worker. The one remaining window, a process killed outright between the
// server's acceptance and that commit, resends the message after the lease expires with the same
// Message-ID (see transport.ts), so the receiving side can drop the duplicate.
// Why none is lost: the row is written in the change's own transaction and stays `pending` through
// every failed attempt until it is accepted or MAX_ATTEMPTS is reached.
import "server-only";
import { claimDueMessages, extendLeases, markAttemptFailed, markSent, releaseLeases, type OutboxMessage } from "@/db/outbox";
import { env } from "@/lib/env";
import { createTransport, type MailTransport } from "./transport";

export const LEASE_MS = 60_000;
// Hourly retries for about three days outlast any ordinary mail-server outage; after that the row
// shows as failed to auditors, who can retry it by hand.
export const MAX_ATTEMPTS = 80;
const BASE_DELAY_MS = 15_000;
const MAX_DELAY_MS = 60 * 60_000;
// Rows claimed per pass for each connection of the transport: enough to keep every connection busy
// between two claims, few enough that a stopping worker has little to give back.
const CLAIM_PER_CONNECTION = 10;

/**
 * When to try again after `attempts` failed attempts (counting the one that just failed):
 * 15 s, 30 s, 1 min, ... doubling up to 1 h; null once MAX_ATTEMPTS have failed (give up).
 */
export function nextRetryAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const delay = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return new Date(now.getTime() + delay);
}

export type DeliveryReport = { claimed: number; sent: number; failed: number; released: number };

/**
 * One pass: claims a batch sized to the transport, sends it over `transport.concurrency` parallel lanes,
 * marks what was accepted (batched), records failures, and releases what it did not start (because
 * `shouldStop` turned true or half the lease has gone).
 */
export async function deliverDueMessages({ transport, now = new Date(), limit, leaseMs = LEASE_MS, shouldStop = () => false, abandon }: {
  transport: MailTransport;
  now?: Date;
  limit?: number;
  leaseMs?: number;
  shouldStop?: () => boolean;
  /** Aborted when a stopping process can wait no longer: sends still in flight are given up and released. */
  abandon?: AbortSignal;
}): Promise<DeliveryReport> {
  const rows = await claimDueMessages({ now, limit: limit ?? transport.concurrency * CLAIM_PER_CONNECTION, leaseMs });
  const report: DeliveryReport = { claimed: rows.length, sent: 0, failed: 0, released: 0 };
  if (rows.length === 0) return report;
  const leaseToken = rows[0]!.leaseToken!;
  const accepted = groupCommit((ids) => markSent({ ids, leaseToken, at: now }));
  const queue = [...rows];
  const notStarted: string[] = [];
  const giveBack: string[] = [];
  const inFlight = new Set<string>();
  const started = Date.now();
  const lane = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      // Slow sends must not outlive the lease, or another worker could claim and send the same rows.
      if (shouldStop() || Date.now() - started > leaseMs / 2) {
        notStarted.push(row.id, ...queue.splice(0).map((r) => r.id));
        return;
      }
      inFlight.add(row.id);
      const ok = await sendOne(transport, row, accepted, leaseToken, now, shouldStop, giveBack);
      inFlight.delete(row.id);
      if (ok) report.sent++;
      else report.failed++;
    }
  };
  const lanes = Promise.all(Array.from({ length: Math.min(transport.concurrency, rows.length) }, lane));
  // While sends are in flight their lease is extended, a third of it at a time, on the pass's clock
  // (`now`, advanced by the time spent): a slow server cannot make a send outlive its lease while this
  // process lives. A failed extension is tried again at the next beat.
  const heartbeat = setInterval(() => {
    const until = new Date(now.getTime() + (Date.now() - started) + leaseMs);
    extendLeases({ ids: [...inFlight], leaseToken, until })
      .catch((error: unknown) => console.warn(`Outbox worker: could not extend a lease (${describe(error)})`));
  }, Math.max(250, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  // One signal serves every pass of a loop: the listener goes once this pass is over.
  let onAbort = () => {};
  const abandoned = new Promise<"abandoned">((resolve) => {
    onAbort = () => resolve("abandoned");
    if (abandon?.aborted) onAbort();
    else abandon?.addEventListener("abort", onAbort, { once: true });
  });
  const outcome = await Promise.race([lanes.then(() => "done" as const), abandoned]);
  clearInterval(heartbeat);
  abandon?.removeEventListener("abort", onAbort);
  if (outcome === "abandoned") {
    // Sends the server has not answered: given back. If one is accepted after all, its mark no longer
    // applies (the token is gone) and it goes out again with the same Message-ID.
    notStarted.push(...inFlight, ...queue.splice(0).map((r) => r.id));
    report.failed -= giveBack.length;
  }
  try {
    await accepted.flush();
  } finally {
    // Even when an acceptance could not be recorded: what was not sent goes back at once.
    const unsent = [...notStarted, ...giveBack];
    report.released = await releaseLeases({ ids: unsent, leaseToken });
    if (outcome === "done") report.failed -= giveBack.length;
  }
  return report;
}

async function sendOne(
  transport: MailTransport, row: OutboxMessage, accepted: GroupCommit, leaseToken: string, now: Date,
  shouldStop: () => boolean, giveBack: string[],
): Promise<boolean> {
  try {
    await transport.send(row);
  } catch (error) {
    // Cut off by a stop (the transport was closed): not the server's verdict, so no attempt is counted.
    if (shouldStop()) {
      giveBack.push(row.id);
      return false;
    }
    try {
      await markAttemptFailed({ id: row.id, leaseToken, error: describe(error), retryAt: nextRetryAt(row.attempts + 1, now) });
    } catch (recording) {
      // Not recorded: the row stays leased and is tried again once the lease expires. The other lanes go on.
      console.warn(`Outbox worker: could not record a failed attempt (${describe(recording)})`);
    }
    return false;
  }
  // Outside the try: a failure to record success must not be recorded as a failed send.
  accepted.add(row.id);
  return true;
}

type GroupCommit = { add(id: string): void; flush(): Promise<void> };

// Waits before the tries after a failed commit of acceptances.
const COMMIT_RETRIES = [100, 500, 2_000];

/**
 * Marks ids as they come, in as few transactions as the database's pace allows: while one commit runs,
 * the next ids gather for the following one. So acceptance is recorded within milliseconds, and under
 * load the commits carry many rows each.
 */
function groupCommit(commit: (ids: string[]) => Promise<unknown>): GroupCommit {
  let waiting: string[] = [];
  let running: Promise<void> | null = null;
  let failure: unknown = null;
  const drain = async () => {
    while (waiting.length > 0) {
      const ids = waiting;
      waiting = [];
      // A commit that fails (a dropped connection) is tried again: an acceptance left unrecorded is
      // sent again once its lease expires.
      for (let attempt = 0; ; attempt++) {
        try {
          await commit(ids);
          break;
        } catch (error) {
          if (attempt >= COMMIT_RETRIES.length) {
            failure ??= error;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, COMMIT_RETRIES[attempt]));
        }
      }
    }
    running = null;
  };
  return {
    add(id) {
      waiting.push(id);
      running ??= drain();
    },
    async flush() {
      while (running) await running;
      if (failure) throw failure;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Loop = {
  transport: MailTransport;
  abandon: AbortController;
  pollMs: number;
  leaseMs: number;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  again: boolean;
  stopped: boolean;
  lastError: string | null;
};

// On globalThis, not in module scope: Next compiles instrumentation and route handlers as separate
// bundles, so each has its own copy of this module, and a kick from an action must reach the loop
// the instrumentation hook started (and a dev-server reload must not start a second one). The server
// entry (lib/cli/server.ts) stops it the same way on SIGTERM.
const globalForWorker = globalThis as unknown as { partnerManagerOutboxWorker?: Loop };

/** Starts the polling loop once per process; later calls return without starting another. */
export function startOutboxWorker(options: { transport?: MailTransport; pollMs?: number; leaseMs?: number } = {}): void {
  if (globalForWorker.partnerManagerOutboxWorker) return;
  const leaseMs = options.leaseMs ?? env().OUTBOX_LEASE_MS;
  const loop: Loop = {
    // A send must fail well inside the lease, never outlive it.
    transport: options.transport ?? createTransport({ timeoutMs: Math.min(10_000, Math.floor(leaseMs / 4)) }),
    abandon: new AbortController(),
    pollMs: options.pollMs ?? env().OUTBOX_POLL_MS,
    leaseMs,
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

/**
 * Stops the loop: nothing new is claimed or started; sends in flight finish and what the server
 * accepted is marked sent; claimed rows not started are released. After `graceMs`, sends still in
 * flight are cut off (their rows released, to be sent again by another worker). Then the transport's
 * connections are closed.
 */
export async function stopOutboxWorker({ graceMs = 7_000 }: { graceMs?: number } = {}): Promise<void> {
  const loop = globalForWorker.partnerManagerOutboxWorker;
  if (!loop) return;
  loop.stopped = true;
  if (loop.timer) clearTimeout(loop.timer);
  if (loop.running) {
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      loop.running.then(() => false),
      new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), graceMs); }),
    ]);
    clearTimeout(timer);
    if (late) {
      console.warn("Outbox worker: sends still in flight at the deadline; giving them up and releasing their rows");
      loop.abandon.abort();
      await loop.running;
    }
  }
  loop.transport.close();
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
        const report = await deliverDueMessages({
          transport: loop.transport, leaseMs: loop.leaseMs, shouldStop: () => loop.stopped, abandon: loop.abandon.signal,
        });
        if (report.failed > 0) console.warn(`Outbox worker: ${report.failed} of ${report.claimed} messages not accepted (see their lastError)`);
        // A batch that found rows means more may be waiting.
        if (report.claimed > 0) loop.again = true;
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
