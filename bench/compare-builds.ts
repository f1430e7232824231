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
// COMPARE_REQUESTS (50 per round), COMPARE_PAGES (path:who pairs, who "-" for a page without sign-in;
// default: six list pages of the large data set), COMPARE_PORT (3621: before, +1 after), COMPARE_AFTER_NODE_ARGS (Node
// flags for the "after" server only: with COMPARE_BEFORE_DIR=. it compares one build under two settings,
// e.g. a V8 heap flag). COMPARE_CONNECTIONS=20 measures each round under that many connections instead
// of one request after another (autocannon for COMPARE_SECONDS, 5 by default): CPU per request and
// p97.5, as the page bench loads a page. COMPARE_PART=exports compares the three million-row CSV exports instead (rows/s,
// each read whole with gzip accepted, as the page bench's exports are; COMPARE_ROUNDS defaults to 4 there).
// Output is markdown.
import os from "node:os";
import path from "node:path";
import { measureExport } from "./exports";
import { median, signIn } from "./http";
import { cpuPerRequest, cpuUnderLoad, startServer, type Server } from "./servers";
import { pagesFromEnv, USERS, type Who } from "./targets";

const BEFORE = process.env.COMPARE_BEFORE_DIR;
if (!BEFORE) throw new Error("COMPARE_BEFORE_DIR: a built checkout of the build to compare against");
const DB = process.env.COMPARE_DB ?? `file:${path.resolve(".data/large.db")}`;
const EXPORTS = process.env.COMPARE_PART === "exports";
const CONNECTIONS = Number(process.env.COMPARE_CONNECTIONS ?? 0);
const SECONDS = Number(process.env.COMPARE_SECONDS ?? 5);
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? (EXPORTS ? 4 : 8));
const REQUESTS = Number(process.env.COMPARE_REQUESTS ?? 50);
const PORT = Number(process.env.COMPARE_PORT ?? 3621);
const LARGE_EXPORTS: [string, Who][] = [["/invoices/export.csv", "claire"], ["/prepaid/export.csv", "marc"], ["/audit/events/export", "nora"]];
const PAGES = pagesFromEnv("COMPARE_PAGES", "/partners:claire,/invoices:claire,/clients:marc,/products:marc,/audit/events:nora,/prepaid:marc");
const LOG = path.join(os.tmpdir(), `pm-compare-${process.pid}.log`);

const env = { DATABASE_URL: DB, AUTH_SECRET: `compare-builds-${"x".repeat(32)}`, WORKER_IN_APP: "off", RENEWALS_IN_APP: "off" };
const servers: Server[] = [];
try {
  for (const [name, dir, port] of [["before", path.resolve(BEFORE), PORT], ["after", process.cwd(), PORT + 1]] as const) {
    const extra = name === "after" ? (process.env.COMPARE_AFTER_NODE_ARGS ?? "").split(" ").filter(Boolean) : [];
    servers.push(await startServer({ name, port, args: ["--max-old-space-size=1024", "--expose-gc", ...extra, path.join(dir, "lib", "cli", "start.mjs")], env, probe: "/login", log: LOG, cwd: dir }));
  }
  const cookies = Object.fromEntries(await Promise.all(Object.entries(USERS).map(async ([who, email]) => [who, await signIn(servers[1]!.base, email, "manager-demo")]))) as Record<Who, string>;
  if (EXPORTS) {
    await compareExports(cookies);
  } else {
    await comparePages(cookies);
  }
  console.log(`\nLoad average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at the end.`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}

async function compareExports(cookies: Record<Who, string>): Promise<void> {
  console.log(`# Two builds, the million-row exports\n\n${new Date().toISOString()} · ${DB} · before: ${BEFORE} · after: ${process.cwd()} · ${ROUNDS} rounds alternating which build goes first · load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at the start · server log ${LOG}\n`);
  console.log("| export | as | before: rows/s, each round | after | median before | median after | **after ÷ before** |\n| --- | --- | --- | --- | ---: | ---: | ---: |");
  for (const [url, who] of LARGE_EXPORTS) {
    const rate: Record<string, number[]> = { before: [], after: [] };
    let rows = -1;
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of round % 2 ? [...servers].reverse() : servers) {
        const run = await measureExport(s.base + url, cookies[who], s.pid, 1_000);
        // Both builds must send the same rows, or the comparison means nothing.
        if (rows !== -1 && run.rows !== rows) throw new Error(`bench: ${url} sent ${run.rows} rows from ${s.name}, ${rows} before`);
        rows = run.rows;
        rate[s.name]!.push(run.rowsPerS);
      }
    }
    const [b, a] = [median(rate.before!), median(rate.after!)];
    const k = (xs: number[]) => xs.map((x) => Math.round(x).toLocaleString("en-US")).join(" ");
    console.log(`| ${url} (${rows.toLocaleString("en-US")} rows) | ${who} | ${k(rate.before!)} | ${k(rate.after!)} | ${Math.round(b).toLocaleString("en-US")} | ${Math.round(a).toLocaleString("en-US")} | **${(a / b).toFixed(2)}** |`);
  }
}

async function comparePages(cookies: Record<Who, string>): Promise<void> {
  const how = CONNECTIONS > 0 ? `rounds of ${SECONDS} s under ${CONNECTIONS} connections` : `rounds of ${REQUESTS} requests one after another`;
  console.log(`# Two builds, server CPU per request\n\n${new Date().toISOString()} · ${DB} · before: ${BEFORE} · after: ${process.cwd()} ${process.env.COMPARE_AFTER_NODE_ARGS ?? ""} · ${ROUNDS} ${how} per page and build · load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at the start · server log ${LOG}\n`);
  console.log(`| page | as | before: CPU ms / request, each round | after | median before | median after | **after ÷ before** |${CONNECTIONS > 0 ? " p97.5 ms before | after | **after ÷ before** |" : ""}\n| --- | --- | --- | --- | ---: | ---: | ---: |${CONNECTIONS > 0 ? " ---: | ---: | ---: |" : ""}`);
  for (const { page, who } of PAGES) {
    const cookie = who === "-" ? undefined : cookies[who];
    // Warm both up: the first requests of a page compile its code.
    for (const s of servers) await cpuPerRequest(s, s.base + page, cookie, 40);
    const cpu: Record<string, number[]> = { before: [], after: [] };
    const p975: Record<string, number[]> = { before: [], after: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of round % 2 ? [...servers].reverse() : servers) {
        if (CONNECTIONS > 0) {
          const r = await cpuUnderLoad(s, s.base + page, cookie, { connections: CONNECTIONS, seconds: SECONDS });
          cpu[s.name]!.push(r.cpuPerRequest);
          p975[s.name]!.push(r.p975);
        } else {
          cpu[s.name]!.push(await cpuPerRequest(s, s.base + page, cookie, REQUESTS));
        }
      }
    }
    const [b, a] = [median(cpu.before!), median(cpu.after!)];
    const latency = CONNECTIONS > 0 ? ` ${median(p975.before!)} | ${median(p975.after!)} | **${(median(p975.after!) / median(p975.before!)).toFixed(2)}** |` : "";
    console.log(`| ${page} | ${who} | ${cpu.before!.map((x) => x.toFixed(1)).join(" ")} | ${cpu.after!.map((x) => x.toFixed(1)).join(" ")} | ${b.toFixed(1)} | ${a.toFixed(1)} | **${(a / b).toFixed(2)}** |${latency}`);
  }
}
