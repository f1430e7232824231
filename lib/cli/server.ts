// The production server, one process: validate the configuration, migrate, seed an empty database,
// then serve Next.js from this process (a custom server) and stop gracefully on SIGTERM/SIGINT.
// Compiled ahead by `npm run build` (esbuild → .next/pm-server/server.mjs, with code splitting, so
// what only some starts need is loaded only then) and run by `npm start` (lib/cli/start.mjs), so no
// TypeScript loader or wrapper process stays beside the server.
//
// Starting: Next.js loads (app.prepare) while the database check runs; the check is one query
// (db/startup-work.ts), and the database client, drizzle's migrator and the demo data are loaded only
// when there is something to migrate or seed; on SQLite the planner's statistics are then refreshed
// (db/planner-stats.ts). Next's instrumentation hook (instrumentation.ts) starts
// the outbox worker and the renewal job only once the server listens, the database ready, and has
// answered its first request (lib/server/startup-gate.ts): they never query a database that is not
// migrated yet, and the first request does not wait for their modules to load. Nothing else touches the database before the
// server listens.
//
// Stopping: the listener closes (no new connections; idle keep-alive ones are closed), requests in
// flight finish, the outbox worker claims nothing more and finishes or releases its sends, the renewal
// job stops before its next product and gives its lease back, then the database pool closes and the
// process exits, within STOP_DEADLINE_MS in all cases.
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";
import { refreshPlannerStatistics } from "@/db/planner-stats";
import { startupWork } from "@/db/startup-work";
import { env } from "@/lib/env";
import { holdJobsUntil } from "@/lib/server/startup-gate";
import { cutStalledConnections } from "@/lib/server/stalled-connections";

const STOP_DEADLINE_MS = 9_000;
// SQLite's planner statistics, refreshed again this often while the server runs (db/planner-stats.ts).
const STATISTICS_EVERY_MS = 24 * 60 * 60_000;
let stopping = false;
const REQUEST_DRAIN_MS = 6_000;
const JOBS_IDLE_START_MS = 5_000;

let config;
try {
  config = env();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

/** Migrates and seeds when needed, then refreshes SQLite's planner statistics. */
async function prepareDatabase(url: string): Promise<void> {
  await migrateAndSeed(url);
  refreshStatistics(url);
}

/**
 * Migrates and seeds when needed. The check is one query on a connection of its own; only when it finds
 * work does the full client load, with its own pool, closed before Next's code opens the shared one.
 */
async function migrateAndSeed(url: string): Promise<void> {
  const work = await startupWork(url);
  if (!work.migrate && !work.seed) return;
  const { createDatabase, setDatabase } = await import("@/db/client");
  const database = createDatabase(url);
  try {
    // Instances starting together on one PostgreSQL database take turns here: one migrates (and seeds
    // an empty database), the others then find nothing to do.
    await database.exclusively(async () => {
      await database.migrate();
      // db/seed.ts reads the process-wide database: this one, for as long as the start-up uses it.
      setDatabase(database);
      const { isDatabaseEmpty, seedDemoData } = await import("@/db/seed");
      if (await isDatabaseEmpty()) {
        await seedDemoData();
        console.log("Seeded the demo data: sign in as claire@helvetia-bakery.test / manager-demo");
      }
    });
  } finally {
    setDatabase(undefined);
    await database.close();
  }
}

const databaseReady = prepareDatabase(config.DATABASE_URL);
// Nothing waits for it until Next is prepared: a failure must not go unhandled meanwhile.
databaseReady.catch(() => {});
// The jobs start once the server has answered its first request (a health check, say), or
// JOBS_IDLE_START_MS after it listens if none comes (the database is ready by then): the first request
// does not wait for their modules to load. Never if a stop came first.
let answered!: () => void;
const firstAnswer = new Promise<void>((resolve) => { answered = resolve; });
let listened!: () => void;
const listening = new Promise<void>((resolve) => { listened = resolve; });
const settled = listening.then(() => Promise.race([firstAnswer, sleep(JOBS_IDLE_START_MS)]));
holdJobsUntil(settled.then(() => {
  if (stopping) throw new Error("stopping");
}));

// The configuration `next build` resolved from next.config.ts (with the next-intl plugin) and saved in the
// build, handed to Next the way its own standalone server does (next build's output "standalone"): so
// next.config.ts is not compiled again at every start (SWC), which made up most of the difference to a
// bare `next start` of a JavaScript config. It always matches the build being served (and Next needs
// the file to serve anyway).
const { config: builtConfig } = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "required-server-files.json"), "utf8")) as { config: object };
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(builtConfig);

// next-auth reads it from the environment; a generated development secret must reach it too.
process.env.AUTH_SECRET = config.AUTH_SECRET;
// lib/cli/start.mjs sets NODE_ENV=production before anything loads React. Next is CommonJS: required,
// not imported, as `next start` itself loads it (an import of it cost ≈ 40 ms more at every start, the
// ESM loader's translation of its CommonJS modules).
const requireCjs = createRequire(import.meta.url);
const next = requireCjs("next") as typeof import("next").default;
const app = next({ dev: false, dir: process.cwd(), port: config.PORT });
const handle = app.getRequestHandler();
try {
  await Promise.all([databaseReady, app.prepare()]);
} catch (error) {
  console.error("Partner Manager: could not start:", error);
  process.exit(1);
}

// Response compression, which next.config.ts turns off in Next (`compress: false`) so that it happens
// here: the same middleware Next uses, at its default level for pages and at gzip's fastest level for
// the CSV exports, where compressing a million rows at the default level took a fifth of the export's
// CPU (docs/benchmarks.md); the fastest level makes downloads 4.0× smaller instead of 4.3×. An export's
// gzip writes into 512 KiB at a time rather than zlib's 16 KiB, so that a whole batch of CSV (a few
// hundred KB, ~100 KB compressed) is one job on libuv's threads, which runs while this thread writes
// the next batch (lib/csv.ts keeps one ready); in 16 KiB steps each step waited for this thread.
type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
const compression = requireCjs("next/dist/compiled/compression") as (options?: { level?: number; chunkSize?: number }) => Middleware;
const { releaseCompressionStream } = requireCjs("next/dist/server/lib/release-compression-stream") as { releaseCompressionStream(res: http.ServerResponse): void };
const compressPage = compression();
const compressExport = compression({ level: zlib.constants.Z_BEST_SPEED, chunkSize: 512 * 1024 });

let firstRequest = true;
const server = http.createServer((req, res) => {
  if (firstRequest) {
    firstRequest = false;
    res.once("close", () => setImmediate(answered));
  }
  (isExport(req.url) ? compressExport : compressPage)(req, res, () => {});
  // As Next does: a client that leaves mid-response must not leave the compressor's stream behind.
  res.once("close", () => {
    if (!res.writableFinished) releaseCompressionStream(res);
  });
  void handle(req, res);
});

/** The CSV downloads: /invoices/export.csv, /prepaid/export.csv, /clients/export, /audit/export, /audit/events/export. */
function isExport(url: string | undefined): boolean {
  const path = (url ?? "").split("?")[0]!;
  return path.endsWith("/export") || path.endsWith("/export.csv");
}
// A download whose client has read nothing for this long is cut, which ends its export (lib/server/stalled-connections.ts).
cutStalledConnections(server, config.STALLED_RESPONSE_SECONDS * 1000);
await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(config.PORT, () => resolve());
});
console.log(`Partner Manager: serving on http://localhost:${config.PORT} (pid ${process.pid})`);
listened();
setInterval(() => refreshStatistics(config.DATABASE_URL), STATISTICS_EVERY_MS).unref();
// Every route's server code, loaded once the first request is answered (next.config.ts turns Next's own
// load at start off), so that no later first visit of a page waits for it.
void settled.then(() => preloadRoutes()).catch((error: unknown) => console.error("Partner Manager: could not preload the routes:", error));

/**
 * Next's own preload (what it runs at start when `preloadEntriesOnStart` is on), reached through the
 * custom server's inner server. Not a public API: if a Next upgrade moves it, the routes simply load on
 * their first request, as they would without it.
 */
async function preloadRoutes(): Promise<void> {
  if (stopping) return;
  type Inner = { unstable_preloadEntries?: () => Promise<void> };
  const wrapper = (app as unknown as { server?: { getServer?: () => Promise<Inner> } }).server;
  const inner = await wrapper?.getServer?.();
  if (typeof inner?.unstable_preloadEntries !== "function") {
    console.warn("Partner Manager: this Next version has no route preload; routes load on their first request");
    return;
  }
  const started = performance.now();
  await inner.unstable_preloadEntries();
  console.log(`Partner Manager: routes loaded in ${Math.round(performance.now() - started)} ms`);
}

/**
 * SQLite's planner statistics (db/planner-stats.ts), at every start and then daily; every connection
 * already open plans with the new figures from its next statement. A failure costs plans, not the server.
 */
function refreshStatistics(url: string): void {
  if (stopping) return;
  try {
    const refreshed = refreshPlannerStatistics(url);
    if (refreshed) console.log(`Partner Manager: planner statistics refreshed in ${refreshed.ms} ms`);
  } catch (error) {
    console.warn("Partner Manager: could not refresh the planner statistics:", error);
  }
}

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
  // The jobs run in Next's bundles and keep their state on globalThis, where these copies of their
  // modules, loaded only now, find and stop them.
  const [{ stopOutboxWorker }, { stopRenewalSchedule }] = await Promise.all([
    import("@/lib/mail/worker"),
    import("@/lib/renewal-schedule"),
  ]);
  await Promise.all([
    Promise.race([requestsDone, sleep(REQUEST_DRAIN_MS)]).then(() => server.closeAllConnections()),
    stopOutboxWorker({ graceMs: REQUEST_DRAIN_MS }),
    stopRenewalSchedule(),
  ]);
  await app.close().catch(() => {});
  // The pool Next's code opened (the same globalThis slot), once no request or job uses it any more.
  const { getDatabase } = await import("@/db/client");
  await getDatabase().close().catch(() => {});
  console.log("Partner Manager: stopped");
  process.exit(0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

process.on("SIGTERM", (s) => void stop(s));
process.on("SIGINT", (s) => void stop(s));
