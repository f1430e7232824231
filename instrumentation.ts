// Next.js instrumentation hook: runs once when a server instance starts.
export async function register(): Promise<void> {
  // Imports stay inside this block: Next also compiles the file for the edge runtime, and only a
  // condition on NEXT_RUNTIME (inlined at build time) drops the Node-only worker from that bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Client address and request id come from the server, never from the client (docs/security.md).
    const { stampEveryRequest } = await import("@/lib/server/request-identity");
    stampEveryRequest();
    const { env } = await import("@/lib/env");
    const { WORKER_IN_APP, RENEWALS_IN_APP } = env();
    if (WORKER_IN_APP === "off" && RENEWALS_IN_APP === "off") return;
    // `npm start` (lib/cli/server.ts) migrates while Next prepares: the jobs start once it is done with
    // the database and serving, and their modules load only then.
    const { afterStartup } = await import("@/lib/server/startup-gate");
    void afterStartup(async () => {
      // WORKER_IN_APP=off when a separate `npm run worker` process delivers the outbox instead.
      if (WORKER_IN_APP === "on") {
        const { startOutboxWorker } = await import("@/lib/mail/worker");
        startOutboxWorker();
      }
      // RENEWALS_IN_APP=off when `npm run renewals` runs from cron instead (both together are safe too).
      if (RENEWALS_IN_APP === "on") {
        const { startRenewalSchedule } = await import("@/lib/renewal-schedule");
        startRenewalSchedule();
      }
    }).catch((error: unknown) => console.error("Partner Manager: the background jobs could not start", error));
  }
}
