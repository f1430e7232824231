// The production server, one process: validate the configuration, migrate, seed an empty database,
// then serve Next.js from this process (a custom server) and stop gracefully on SIGTERM/SIGINT.
// Compiled ahead by `npm run build` (esbuild → .next/pm-server.mjs) and run by `npm start`
// (lib/cli/start.mjs), so no TypeScript loader or wrapper process stays beside the server.
//
// Stopping: the listener closes (no new connections; idle keep-alive ones are closed), requests in
// flight finish, the outbox worker claims nothing more and finishes or releases its sends, the renewal
// job stops before its next product and gives its lease back, then the database pool closes and the
// process exits, within STOP_DEADLINE_MS in all cases.
import http from "node:http";
import { getDatabase, setDatabase } from "@/db/client";
import { isDatabaseEmpty } from "@/db/seed";
import { env } from "@/lib/env";
import { stopOutboxWorker } from "@/lib/mail/worker";
import { stopRenewalSchedule } from "@/lib/renewal-schedule";

const STOP_DEADLINE_MS = 9_000;
const REQUEST_DRAIN_MS = 6_000;

let config;
try {
  config = env();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const database = getDatabase();
// Instances starting together on one PostgreSQL database take turns here: one migrates (and seeds an
// empty database), the others then find nothing to do.
await database.exclusively(async () => {
  await database.migrate();
  if (await isDatabaseEmpty()) {
    const { seedDemoData } = await import("@/db/seed");
    await seedDemoData();
    console.log("Seeded the demo data: sign in as claire@helvetia-bakery.test / manager-demo");
  }
});
// Next's bundles open their own client (db/client.ts keeps it on globalThis): hand over a clean slate.
await database.close();
setDatabase(undefined);

// next-auth reads it from the environment; a generated development secret must reach it too.
process.env.AUTH_SECRET = config.AUTH_SECRET;
// lib/cli/start.mjs sets NODE_ENV=production before anything loads React.
const { default: next } = await import("next");
const app = next({ dev: false, dir: process.cwd(), port: config.PORT });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => void handle(req, res));
await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(config.PORT, () => resolve());
});
console.log(`Partner Manager: serving on http://localhost:${config.PORT} (pid ${process.pid})`);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`Partner Manager: ${signal} received, stopping`);
  // Whatever still hangs at the deadline is cut: a stop must not wait forever.
  setTimeout(() => {
    console.error("Partner Manager: could not stop cleanly in time; exiting");
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();

  const requestsDone = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await Promise.all([
    Promise.race([requestsDone, sleep(REQUEST_DRAIN_MS)]).then(() => server.closeAllConnections()),
    stopOutboxWorker({ graceMs: REQUEST_DRAIN_MS }),
    stopRenewalSchedule(),
  ]);
  await app.close().catch(() => {});
  // The pool Next's code opened (the same globalThis slot), once no request or job uses it any more.
  await getDatabase().close().catch(() => {});
  console.log("Partner Manager: stopped");
  process.exit(0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

process.on("SIGTERM", (s) => void stop(s));
process.on("SIGINT", (s) => void stop(s));
