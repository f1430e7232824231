// A page benchmark for the latency work (issue 10), the same method as lib/cli/bench.ts's pages part
// (autocannon rounds alternating with the bare floor page, ratios per round, medians) without its
// page-text checks (which expect texts the pages no longer show in the users' languages): each page
// must answer 200 and not be the sign-in page. Env: LAT_DB (database URL), LAT_PORT (app; +1 floor),
// LAT_ROUNDS (3), LAT_SECONDS (4), LAT_PAGES (regular expression over the labels).
import os from "node:os";
import { createDatabase, setDatabase } from "@/db/client";
import { get, load, signIn, type Load } from "@/bench/http";
import { NEXT_BIN, processTree, startServer, treeCpuMs, type Server } from "@/bench/servers";
import { findTargets, USERS, type Who } from "@/bench/targets";

const DB = process.env.LAT_DB!;
const PORT = Number(process.env.LAT_PORT ?? 3550);
const ROUNDS = Number(process.env.LAT_ROUNDS ?? 3);
const SECONDS = Number(process.env.LAT_SECONDS ?? 4);
const FILTER = new RegExp(process.env.LAT_PAGES ?? "");
const LOG = `/tmp/pm-latency-bench-${process.pid}.log`;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const running: Server[] = [];
const CPU_REQUESTS = Number(process.env.LAT_CPU_REQUESTS ?? 0);

/** The server's CPU (user + system, its whole process tree) per request, over `n` requests one after another. */
async function cpuPerRequest(server: Server, url: string, cookie: string | undefined, n: number): Promise<number> {
  const before = treeCpuMs(processTree(server.pid));
  for (let i = 0; i < n; i++) await get(url, cookie);
  return (treeCpuMs(processTree(server.pid)) - before) / n;
}

async function main() {
  setDatabase(createDatabase(DB));
  const { pages } = await findTargets();
  const env = { AUTH_SECRET: "bench-secret-not-for-production-0123456789", WORKER_IN_APP: "off", RENEWALS_IN_APP: "off", DATABASE_URL: DB };
  const floor = await startServer({ name: "floor", port: PORT + 1, args: [NEXT_BIN, "start", "bench/floor"], env: {}, probe: "/", log: LOG });
  running.push(floor);
  const app = await startServer({ name: "app", port: PORT, args: [NEXT_BIN, "start"], env, probe: "/login", log: LOG });
  running.push(app);
  const cookies = Object.fromEntries(await Promise.all((Object.keys(USERS) as Who[]).map(async (w) => [w, await signIn(app.base, USERS[w], "manager-demo")]))) as Record<Who, string>;
  console.log(`${DB.replace(/\/\/[^@]*@/, "//")} · ${ROUNDS} rounds of ${SECONDS} s, 20 connections, alternating with the floor · load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at the start\n`);
  if (CPU_REQUESTS > 0) {
    console.log(`CPU per request: ${CPU_REQUESTS} requests one after another per page, the floor's in between (user + system CPU of the server's process tree, /proc)\n`);
    console.log("| page | as | HTML KB | server CPU ms / request | floor CPU ms / request | **× floor** |");
    console.log("| --- | --- | ---: | ---: | ---: | ---: |");
    for (const t of pages.filter((p) => FILTER.test(p.label))) {
      const url = app.base + t.path;
      const first = await get(url, cookies[t.who]);
      if (first.status !== 200) throw new Error(`${t.path} as ${t.who}: ${first.status}`);
      for (let i = 0; i < 10; i++) await get(url, cookies[t.who]);
      const f1 = await cpuPerRequest(floor, `${floor.base}/`, undefined, CPU_REQUESTS);
      const a = await cpuPerRequest(app, url, cookies[t.who], CPU_REQUESTS);
      const f2 = await cpuPerRequest(floor, `${floor.base}/`, undefined, CPU_REQUESTS);
      const fl = (f1 + f2) / 2;
      console.log(`| ${t.label} | ${t.who} | ${(first.bytes / 1024).toFixed(1)} | ${a.toFixed(2)} | ${fl.toFixed(2)} | **${(a / fl).toFixed(2)}** |`);
    }
    console.log(`\nload average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at the end`);
    return;
  }
  console.log("| page | as | HTML KB | p50 ms | p97.5 ms | req/s | floor p97.5 ms | p50 × floor | **p97.5 × floor** | errors |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const t of pages.filter((p) => FILTER.test(p.label))) {
    const url = app.base + t.path;
    const first = await get(url, cookies[t.who]);
    if (first.status !== 200) throw new Error(`${t.path} as ${t.who}: ${first.status}`);
    for (let i = 0; i < 10; i++) await get(url, cookies[t.who]);
    const page: Load[] = [], fl: Load[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const runFloor = () => load(`${floor.base}/`, { connections: 20, seconds: SECONDS }).then((x) => fl.push(x));
      const runPage = () => load(url, { cookie: cookies[t.who], connections: 20, seconds: SECONDS }).then((x) => page.push(x));
      if (r % 2 === 0) { await runFloor(); await runPage(); } else { await runPage(); await runFloor(); }
    }
    const ratio = (k: "p50" | "p975") => median(page.map((p, i) => p[k] / fl[i]![k]));
    console.log(`| ${t.label} | ${t.who} | ${(first.bytes / 1024).toFixed(1)} | ${median(page.map((x) => x.p50)).toFixed(1)} | ${median(page.map((x) => x.p975)).toFixed(1)} | ${median(page.map((x) => x.rps)).toFixed(0)} | ${median(fl.map((x) => x.p975)).toFixed(1)} | ${ratio("p50").toFixed(2)} | **${ratio("p975").toFixed(2)}** | ${page.reduce((s, x) => s + x.errors, 0)} |`);
  }
  console.log(`\nload average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at the end`);
}

main().catch((e) => { console.error(e); process.exitCode = 1; }).finally(async () => { await Promise.all(running.map((s) => s.stop())); process.exit(); });
