// Server CPU per request of pages and of the floor, one request at a time and under load (20
// connections), from one run: what a request costs each server alone, and what it costs when requests
// come back to back (the page bench's latency ratios follow the second). Both servers are started here:
// the product as `npm start` runs its server (jobs off), the floor as the page bench starts it.
//
//   npm run build && npm run bench:cpu
//
// LOAD_DB (default file:<this checkout>/.data/large.db; give an absolute path), LOAD_PAGES (path:who
// pairs, default "/invoices:claire"; who is claire, marc or nora, or "-" for a page without sign-in),
// LOAD_SEQUENTIAL (300 requests one after another, after 100 to warm up), LOAD_ROUNDS (3 rounds of
// LOAD_SECONDS = 5 s under load per server, alternating), LOAD_PORT (3631: product, +1 floor),
// LOAD_NODE_ARGS (extra Node flags for the product, e.g. a V8 heap flag), LOAD_FLOOR_NODE_ARGS (the
// floor's; with --cpu-prof on both, `npm run bench:profile` says where each one's CPU went). Builds the floor when
// it has no build yet. Output is markdown.
import os from "node:os";
import path from "node:path";
import { median, signIn } from "./http";
import { cpuUnderLoad, ensureFloorBuild, NEXT_BIN, startServer, warmCpuPerRequest, type Server } from "./servers";
import { pagesFromEnv, USERS } from "./targets";

const DB = process.env.LOAD_DB ?? `file:${path.resolve(".data/large.db")}`;
const PAGES = pagesFromEnv("LOAD_PAGES", "/invoices:claire");
const SEQUENTIAL = Number(process.env.LOAD_SEQUENTIAL ?? 300);
const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 3);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 5);
const PORT = Number(process.env.LOAD_PORT ?? 3631);
const CONNECTIONS = 20;
const LOG = path.join(os.tmpdir(), `pm-cpu-under-load-${process.pid}.log`);

const loaded = (s: Server, url: string, cookie: string | undefined) => cpuUnderLoad(s, url, cookie, { connections: CONNECTIONS, seconds: SECONDS });

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
// A fresh checkout has no build of the floor (the product's is `npm run build`, named above).
ensureFloorBuild();

const servers: Server[] = [];
try {
  const extra = (process.env.LOAD_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const env = { DATABASE_URL: DB, AUTH_SECRET: `cpu-under-load-${"x".repeat(32)}`, WORKER_IN_APP: "off", RENEWALS_IN_APP: "off" };
  const app = await startServer({ name: "product", port: PORT, args: ["--max-old-space-size=1024", "--expose-gc", ...extra, path.join("lib", "cli", "start.mjs")], env, probe: "/login", log: LOG });
  servers.push(app);
  const floorExtra = (process.env.LOAD_FLOOR_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const floor = await startServer({ name: "floor", port: PORT + 1, args: [...floorExtra, NEXT_BIN, "start", path.join("bench", "floor")], log: LOG });
  servers.push(floor);
  console.log(`# Server CPU per request, alone and under load\n\n${new Date().toISOString()} · ${DB} ${extra.join(" ")} · ${SEQUENTIAL} requests one after another, then ${ROUNDS} rounds of ${SECONDS} s with ${CONNECTIONS} connections per server, alternating · load average ${os.loadavg().map(f2).join(" ")} at the start · server log ${LOG}\n`);
  console.log("| page | as | alone: CPU ms / request | floor alone | **× floor** | under load: req/s | p50 ms | p97.5 ms | CPU ms / request | server cores | machine cores | floor req/s | floor p97.5 ms | floor CPU ms / request | **× floor under load** |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const { page, who } of PAGES) {
    const cookie = who === "-" ? undefined : await signIn(app.base, USERS[who], "manager-demo");
    const [alone, floorAlone] = [await warmCpuPerRequest(app, app.base + page, cookie, SEQUENTIAL), await warmCpuPerRequest(floor, `${floor.base}/`, undefined, SEQUENTIAL)];
    type Loaded = Awaited<ReturnType<typeof loaded>>;
    const rounds: { page: Loaded; floor: Loaded }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round: Partial<Record<"page" | "floor", Loaded>> = {};
      for (const which of i % 2 ? (["floor", "page"] as const) : (["page", "floor"] as const)) {
        round[which] = which === "page" ? await loaded(app, app.base + page, cookie) : await loaded(floor, `${floor.base}/`, undefined);
      }
      rounds.push(round as { page: Loaded; floor: Loaded });
    }
    const m = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
    console.log(`| ${page} | ${who} | ${f1(alone)} | ${f1(floorAlone)} | **${f2(alone / floorAlone)}** | ${m((r) => r.page.rps).toFixed(0)} | ${m((r) => r.page.p50)} | ${m((r) => r.page.p975)} | ${f1(m((r) => r.page.cpuPerRequest))} | ${f2(m((r) => r.page.cores))} | ${f2(m((r) => (r.page.machineCores + r.floor.machineCores) / 2))} | ${m((r) => r.floor.rps).toFixed(0)} | ${m((r) => r.floor.p975)} | ${f1(m((r) => r.floor.cpuPerRequest))} | **${f2(m((r) => r.page.cpuPerRequest / r.floor.cpuPerRequest))}** |`);
  }
  console.log(`\nLoad average ${os.loadavg().map(f2).join(" ")} at the end.`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
