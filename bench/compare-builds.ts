// Server CPU per request of two builds of the product on the same database: a change's own effect,
// which the page bench (npm run bench) cannot resolve when the machine's noise is larger than it.
// Both servers run side by side (`npm start`'s server, jobs off, one AUTH_SECRET so that one sign-in
// serves both); for each page, requests go one after another, in rounds that alternate which build
// goes first, and each round reads the CPU the server's process tree used (user + system, /proc).
//
//   git worktree add /tmp/pm-before <commit> && cp -al node_modules /tmp/pm-before/ && (cd /tmp/pm-before && npm run build)
//   npm run build && COMPARE_BEFORE_DIR=/tmp/pm-before npm run bench:compare
//
// COMPARE_DB (default file:<this checkout>/.data/large.db; give an absolute path), COMPARE_ROUNDS (8),
// COMPARE_REQUESTS (50 per round), COMPARE_PORT (3621: before, +1 after), COMPARE_AFTER_NODE_ARGS (Node
// flags for the "after" server only: with COMPARE_BEFORE_DIR=. it compares one build under two settings,
// e.g. a V8 heap flag). Output is markdown.
import os from "node:os";
import path from "node:path";
import { median, signIn } from "./http";
import { cpuPerRequest, startServer, type Server } from "./servers";
import { USERS, type Who } from "./targets";

const BEFORE = process.env.COMPARE_BEFORE_DIR;
if (!BEFORE) throw new Error("COMPARE_BEFORE_DIR: a built checkout of the build to compare against");
const DB = process.env.COMPARE_DB ?? `file:${path.resolve(".data/large.db")}`;
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 8);
const REQUESTS = Number(process.env.COMPARE_REQUESTS ?? 50);
const PORT = Number(process.env.COMPARE_PORT ?? 3621);
const PAGES: [string, Who][] = [["/partners", "claire"], ["/invoices", "claire"], ["/clients", "marc"], ["/products", "marc"], ["/audit/events", "nora"], ["/prepaid", "marc"]];
const LOG = path.join(os.tmpdir(), `pm-compare-${process.pid}.log`);

const env = { DATABASE_URL: DB, AUTH_SECRET: `compare-builds-${"x".repeat(32)}`, WORKER_IN_APP: "off", RENEWALS_IN_APP: "off" };
const servers: Server[] = [];
try {
  for (const [name, dir, port] of [["before", path.resolve(BEFORE), PORT], ["after", process.cwd(), PORT + 1]] as const) {
    const extra = name === "after" ? (process.env.COMPARE_AFTER_NODE_ARGS ?? "").split(" ").filter(Boolean) : [];
    servers.push(await startServer({ name, port, args: ["--max-old-space-size=1024", "--expose-gc", ...extra, path.join(dir, "lib", "cli", "start.mjs")], env, probe: "/login", log: LOG, cwd: dir }));
  }
  const cookies = Object.fromEntries(await Promise.all(Object.entries(USERS).map(async ([who, email]) => [who, await signIn(servers[1]!.base, email, "manager-demo")]))) as Record<Who, string>;
  console.log(`# Two builds, server CPU per request\n\n${new Date().toISOString()} · ${DB} · before: ${BEFORE} · after: ${process.cwd()} ${process.env.COMPARE_AFTER_NODE_ARGS ?? ""} · ${ROUNDS} rounds of ${REQUESTS} requests one after another per page and build · load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at the start · server log ${LOG}\n`);
  console.log("| page | as | before: CPU ms / request, each round | after | median before | median after | **after ÷ before** |\n| --- | --- | --- | --- | ---: | ---: | ---: |");
  for (const [page, who] of PAGES) {
    // Warm both up: the first requests of a page compile its code.
    for (const s of servers) await cpuPerRequest(s, s.base + page, cookies[who], 40);
    const cpu: Record<string, number[]> = { before: [], after: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of round % 2 ? [...servers].reverse() : servers) {
        cpu[s.name]!.push(await cpuPerRequest(s, s.base + page, cookies[who], REQUESTS));
      }
    }
    const [b, a] = [median(cpu.before!), median(cpu.after!)];
    console.log(`| ${page} | ${who} | ${cpu.before!.map((x) => x.toFixed(1)).join(" ")} | ${cpu.after!.map((x) => x.toFixed(1)).join(" ")} | ${b.toFixed(1)} | ${a.toFixed(1)} | **${(a / b).toFixed(2)}** |`);
  }
  console.log(`\nLoad average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at the end.`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
