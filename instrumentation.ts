// Next.js instrumentation hook: runs once when a server instance starts.
export async function register(): Promise<void> {
  // Imports stay inside this block: Next also compiles the file for the edge runtime, and only a
  // condition on NEXT_RUNTIME (inlined at build time) drops the Node-only worker from that bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Client address and request id come from the server, never from the client (docs/security.md).
    const { stampEveryRequest } = await import("@/lib/server/request-identity");
    stampEveryRequest();
    const { env } = await import("@/lib/env");
    // WORKER_IN_APP=off when a separate `npm run worker` process delivers the outbox instead.
    if (env().WORKER_IN_APP === "on") {
      const { startOutboxWorker } = await import("@/lib/mail/worker");
      startOutboxWorker();
    }
    // RENEWALS_IN_APP=off when `npm run renewals` runs from cron instead (both together are safe too).
    if (env().RENEWALS_IN_APP === "on") {
      const { startRenewalSchedule } = await import("@/lib/renewal-schedule");
      startRenewalSchedule();
    }
  }
}
