// `npm run worker`: delivers the notification outbox from its own process (set WORKER_IN_APP=off on
// the web app then, or keep both: the lease on each row keeps them from sending a message twice).
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
  console.info(`Outbox worker: ${signal} received, finishing the current run`);
  // Letting a run finish means no row is left leased mid-send when the process exits.
  await stopOutboxWorker();
  clearInterval(keepAlive);
  process.exit(0);
}

process.on("SIGINT", (s) => void shutdown(s));
process.on("SIGTERM", (s) => void shutdown(s));
