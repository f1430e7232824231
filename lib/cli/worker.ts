// `npm run worker`: delivers the notification outbox from its own process (set WORKER_IN_APP=off on
// the web app then, or keep both: leases and fencing tokens keep them from sending a message twice).
// On SIGTERM/SIGINT it claims nothing more, lets sends in flight finish (marking what was accepted),
// gives back the rest, closes the database and exits, within 9 s whatever hangs.
import { getDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { startOutboxWorker, stopOutboxWorker } from "@/lib/mail/worker";

try {
  // Fail at start with every configuration problem listed, not at the first delivery.
  env();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

startOutboxWorker();

// The loop's timer is unref'd so it never pins a process by accident; this one is meant to stay up.
const keepAlive = setInterval(() => {}, 1 << 30);

// As the web server's stop (lib/cli/server.ts): whatever still hangs then (a database that does not
// answer) is cut, rather than waiting for the orchestrator's SIGKILL.
const STOP_DEADLINE_MS = 9_000;

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.info(`Outbox worker: ${signal} received, finishing the sends in flight`);
  setTimeout(() => {
    console.error("Outbox worker: could not stop cleanly in time; exiting");
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  await stopOutboxWorker();
  await getDatabase().close().catch(() => {});
  clearInterval(keepAlive);
  process.exit(0);
}

process.on("SIGINT", (s) => void shutdown(s));
process.on("SIGTERM", (s) => void shutdown(s));
