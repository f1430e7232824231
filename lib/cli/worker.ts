// `npm run worker`: delivers the notification outbox from its own process (set WORKER_IN_APP=off on
// the web app then, or keep both: leases and fencing tokens keep them from sending a message twice).
// On SIGTERM/SIGINT it claims nothing more, lets sends in flight finish (marking what was accepted),
// gives back the rest, closes the database and exits.
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

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.info(`Outbox worker: ${signal} received, finishing the sends in flight`);
  await stopOutboxWorker();
  await getDatabase().close().catch(() => {});
  clearInterval(keepAlive);
  process.exit(0);
}

process.on("SIGINT", (s) => void shutdown(s));
process.on("SIGTERM", (s) => void shutdown(s));
