// `npm run bench`: the product measured through HTTP on the large data set (npm run seed:large), side by
// side with a bare Next.js page of the same Next version (bench/floor, built with the project's `next`).
// For each engine it starts both production servers, signs in through the real login form, and loads
// every list and detail page as the right user with autocannon, alternating rounds with the floor; then
// deep pages against their first page (alternating rounds), every CSV export (rows/s, time to first
// byte, server RSS sampled from /proc), a disconnect in the middle of an export, page latency during an
// export; once: `npm start`'s time to the first 200 against a bare `next start`, first-load JS per
// route, and Lighthouse on the signed-in /partners/[id].
// Results are markdown on stdout; docs/benchmarks.md holds a run and says how to read it. It asserts
// nothing: timings depend on the machine, whose load is measured and printed beside them.
//
// Env: BENCH_SQLITE_URL (file:.data/large.db), BENCH_PG_URL (unset: SQLite only; e.g.
// postgres://postgres@127.0.0.1:5432/pm_large), BENCH_PORT (3511: app, +1 floor, +2 npm start),
// BENCH_SECONDS (4 per round), BENCH_ROUNDS (3), BENCH_STARTUP_RUNS (3), BENCH_CONNECTIONS (20), BENCH_LIGHTHOUSE_ROUNDS (3),
// BENCH_PARTS (js,startup,pages,deep,exports,held,memory,lighthouse: a comma list to run only some), BENCH_PAGES and
// BENCH_EXPORTS (a regular expression: only the pages / exports whose label matches, e.g. "prepaid"),
// BENCH_SETTLE_S (5: how long after an export its server's RSS is read again), BENCH_MEMORY_S (150: the
// memory part's longest wait for the RSS to come back after the invoice export), BENCH_HELD (100: the held part's
// number of invoice exports opened at once by one user and left unread), BENCH_HELD_WAIT_S (240: how long it waits for
// the server to cut them).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, setDatabase } from "@/db/client";
import { isLargeDataLoaded } from "@/db/seed-large";
import { measureDisconnect, measureExport, measureHeldExports, measureMemoryReturn } from "@/bench/exports";
import { firstLoadJs } from "@/bench/first-load-js";
import { get, load, median, signIn, type Load } from "@/bench/http";
import { lighthouseRuns } from "@/bench/lighthouse";
import { cpuPerRequest, ensureFloorBuild, machineJiffies, NEXT_BIN, processTree, startServer, treeCpuMs, treeRssMb, type Server } from "@/bench/servers";
import { findTargets, USERS, type Target, type Who } from "@/bench/targets";

const num = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!(n > 0)) throw new Error(`${name} must be a positive number`);
  return n;
};
const SECONDS = num("BENCH_SECONDS", 4);
const ROUNDS = num("BENCH_ROUNDS", 3);
const CONNECTIONS = num("BENCH_CONNECTIONS", 20);
const LH_ROUNDS = num("BENCH_LIGHTHOUSE_ROUNDS", 3);
const PORT = num("BENCH_PORT", 3511);
const STARTUP_RUNS = num("BENCH_STARTUP_RUNS", 3);
// Requests one after another per page for the server-CPU column (0: no column): steadier than latency
// on a busy machine, since the CPU a request costs does not depend on who else shares the cores.
const CPU_REQUESTS = num("BENCH_CPU_REQUESTS", 30);
const SETTLE_S = num("BENCH_SETTLE_S", 5);
const PARTS = new Set((process.env.BENCH_PARTS ?? "js,startup,pages,deep,exports,held,memory,lighthouse").split(","));
const HELD = num("BENCH_HELD", 100);
const HELD_WAIT_S = num("BENCH_HELD_WAIT_S", 240);
const MEMORY_S = num("BENCH_MEMORY_S", 150);
const PAGE_FILTER = new RegExp(process.env.BENCH_PAGES ?? "");
const EXPORT_FILTER = new RegExp(process.env.BENCH_EXPORTS ?? "");
const ENGINES = [process.env.BENCH_SQLITE_URL || "file:.data/large.db", process.env.BENCH_PG_URL].filter((u): u is string => Boolean(u));
const FLOOR_DIR = path.join("bench", "floor");
const LOG = path.join(os.tmpdir(), `pm-bench-${process.pid}.log`);
const SECRET = "bench-secret-not-for-production-0123456789";
/** package.json's start script (`exec node … lib/cli/start.mjs`): run by sh, it becomes the server process itself. */
const START_SCRIPT = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
const APP_ENV = { AUTH_SECRET: SECRET, WORKER_IN_APP: "off", RENEWALS_IN_APP: "off" };

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const engineName = (url: string) => (url.startsWith("file:") ? "SQLite" : "PostgreSQL");
const running = new Set<Server>();
const out = (line = "") => console.log(line);

async function start(name: string, port: number, args: string[], env: Record<string, string>, probe = "/", command?: string) {
  const s = await startServer({ name, port, args, env, probe, log: LOG, command });
  running.add(s);
  return s;
}
async function stop(s: Server) { running.delete(s); await s.stop(); }

/** CPU the rest of the machine used meanwhile (cores), besides our servers and this process. */
function loadMeter(servers: Server[]) {
  const read = () => {
    const ours = servers.reduce((s, x) => s + treeCpuMs(processTree(x.pid)), 0) + (process.cpuUsage().user + process.cpuUsage().system) / 1000;
    return { busyMs: machineJiffies().busy * 10, ours, t: performance.now() };
  };
  const a = read();
  return () => {
    const b = read();
    const wall = b.t - a.t;
    return { others: (b.busyMs - a.busyMs - (b.ours - a.ours)) / wall, load1: os.loadavg()[0]! };
  };
}

function ensureBuilds() {
  const force = Boolean(process.env.BENCH_BUILD);
  // The product's build includes its server entry (`npm run build`), which `npm start` runs.
  if (force || !fs.existsSync(path.join(".next", "pm-server", "server.mjs"))) {
    console.error("bench: building the product…");
    const r = spawnSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) throw new Error("bench: the build of the product failed");
  }
  ensureFloorBuild({ dir: FLOOR_DIR, force });
}

function jsSection() {
  const floor = firstLoadJs(FLOOR_DIR).find((r) => r.route === "/")!;
  out(`### First-load JS per route (gzip), against the floor page's ${f1(floor.gzipKb)} KB\n`);
  out("| route | files | KB gzip | × floor |\n| --- | ---: | ---: | ---: |");
  for (const r of firstLoadJs(".").filter((x) => !x.route.startsWith("/_"))) out(`| ${r.route} | ${r.files} | ${f1(r.gzipKb)} | ${f2(r.gzipKb / floor.gzipKb)} |`);
  out();
}

async function startupSection(dbUrl: string) {
  out(`### Time to the first 200: \`npm start\` against a bare \`next start\` (${engineName(dbUrl)})\n`);
  const rows: { app: number; floor: number; appCpu: number; floorCpu: number; extraProcesses: number; extraMb: number }[] = [];
  for (let r = 0; r < STARTUP_RUNS; r++) {
    const floor = await start("floor", PORT + 1, [NEXT_BIN, "start", FLOOR_DIR], {});
    // CPU the process tree used until its first 200: less at the mercy of the neighbours than the time.
    const floorCpu = treeCpuMs(processTree(floor.pid));
    await stop(floor);
    const app = await start("npm start", PORT + 2, ["start"], { ...APP_ENV, DATABASE_URL: dbUrl }, "/login", "npm");
    const appCpu = treeCpuMs(processTree(app.pid));
    // npm start's own processes besides the server: the server is the tree's next-server (a plain `next
    // start`) or lib/cli/start.mjs, which serves in its own process; what is left is npm run itself.
    const tree = processTree(app.pid);
    const isServer = (cmdline: string) => cmdline.startsWith("next-server") || cmdline.includes("lib/cli/start.mjs");
    const wrappers = tree.filter((p) => !isServer(fs.readFileSync(`/proc/${p}/cmdline`, "utf8")));
    rows.push({ app: app.startMs, floor: floor.startMs, appCpu, floorCpu, extraProcesses: wrappers.length, extraMb: treeRssMb(wrappers) });
    await stop(app);
  }
  out("| run | npm start ms | bare next start ms | ratio | npm start CPU ms | bare CPU ms | CPU ratio | processes besides the server | their RSS MB |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  rows.forEach((x, i) => out(`| ${i + 1} | ${x.app.toFixed(0)} | ${x.floor.toFixed(0)} | ${f2(x.app / x.floor)} | ${x.appCpu.toFixed(0)} | ${x.floorCpu.toFixed(0)} | ${f2(x.appCpu / x.floorCpu)} | ${x.extraProcesses} | ${x.extraMb.toFixed(0)} |`));
  out(`\nMedian ratio ${f2(median(rows.map((x) => x.app / x.floor)))} (CPU ${f2(median(rows.map((x) => x.appCpu / x.floorCpu)))}); load average ${os.loadavg().map(f2).join(" ")}.\n`);
}

async function alternate(url: string, floorUrl: string, cookie: string) {
  const page: Load[] = [], floor: Load[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const runFloor = () => load(floorUrl, { connections: CONNECTIONS, seconds: SECONDS }).then((x) => floor.push(x));
    const runPage = () => load(url, { cookie, connections: CONNECTIONS, seconds: SECONDS }).then((x) => page.push(x));
    if (r % 2 === 0) { await runFloor(); await runPage(); } else { await runPage(); await runFloor(); }
  }
  const ratio = (k: "p50" | "p975") => median(page.map((p, i) => p[k] / floor[i]![k]));
  return {
    p50: median(page.map((x) => x.p50)), p975: median(page.map((x) => x.p975)), rps: median(page.map((x) => x.rps)),
    floorP975: median(floor.map((x) => x.p975)), floorRps: median(floor.map((x) => x.rps)), r50: ratio("p50"), r975: ratio("p975"),
    errors: page.reduce((s, x) => s + x.errors, 0),
  };
}

/**
 * The ledger's deep page as a user reaches it: through the "Next" link of the page before (row 250,050).
 * Since migration 0010 the balances are stored, so it costs what the bench's bare cursor at row 250,000
 * costs; links from before carried a signed `bal=` that is now ignored.
 */
async function followedNext(base: string, pages: Target[], cookies: Record<Who, string>): Promise<Target[]> {
  const deep = pages.find((t) => t.label === "/prepaid, row 250,000");
  if (!deep) return [];
  const { body } = await get(base + deep.path, cookies[deep.who]);
  const href = /href="(\/prepaid\?after=[^"]+)"/.exec(body)?.[1]?.replace(/&amp;/g, "&");
  if (!href) throw new Error("bench: the deep ledger page has no Next link");
  return [{ ...deep, label: "/prepaid, row 250,050 by its Next link", path: href }];
}

async function engineSection(dbUrl: string, lighthouse: boolean) {
  const engine = engineName(dbUrl);
  setDatabase(createDatabase(dbUrl));
  if (!(await isLargeDataLoaded())) throw new Error(`bench: ${dbUrl} holds no large data set: DATABASE_URL=${dbUrl} npm run seed:large`);
  const targets = await findTargets();
  const exports = targets.exports.filter((x) => EXPORT_FILTER.test(x.label));
  const floor = await start("floor", PORT + 1, [NEXT_BIN, "start", FLOOR_DIR], {});
  // The product as `npm start` runs it (its script, its node flags), without npm's own process around it.
  const app = await start("app", PORT, ["-c", START_SCRIPT], { ...APP_ENV, DATABASE_URL: dbUrl }, "/login", "sh");
  const cookies = Object.fromEntries(await Promise.all((Object.keys(USERS) as Who[]).map(async (w) => [w, await signIn(app.base, USERS[w], "manager-demo")]))) as Record<Who, string>;
  const pages = [...targets.pages, ...(await followedNext(app.base, targets.pages, cookies))].filter((t) => PAGE_FILTER.test(t.label));
  out(`## ${engine} (${dbUrl.replace(/\/\/[^@]*@/, "//")})\n`);

  if (PARTS.has("pages")) {
    const meter = loadMeter([app, floor]);
    const results = new Map<string, Awaited<ReturnType<typeof alternate>> & { htmlKb: number; cpu?: { app: number; floor: number } }>();
    for (const t of pages) {
      const first = await get(app.base + t.path, cookies[t.who]);
      if (first.status !== 200 || !first.body.includes(t.expect)) throw new Error(`bench: ${t.path} as ${t.who} answered ${first.status} without "${t.expect}"`);
      for (let i = 0; i < 10; i++) await get(app.base + t.path, cookies[t.who]);
      const timed = await alternate(app.base + t.path, `${floor.base}/`, cookies[t.who]);
      let cpu: { app: number; floor: number } | undefined;
      if (CPU_REQUESTS > 0) {
        const before = await cpuPerRequest(floor, `${floor.base}/`, undefined, CPU_REQUESTS);
        const own = await cpuPerRequest(app, app.base + t.path, cookies[t.who], CPU_REQUESTS);
        const after = await cpuPerRequest(floor, `${floor.base}/`, undefined, CPU_REQUESTS);
        cpu = { app: own, floor: (before + after) / 2 };
      }
      results.set(t.label, { ...timed, htmlKb: first.bytes / 1024, cpu });
    }
    const load = meter();
    out(`Pages: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s alternating with the floor; meanwhile the rest of the machine used ${f2(load.others)} cores of 2 (load average ${f2(load.load1)} at the end).\n`);
    if (CPU_REQUESTS > 0) out(`Server CPU: ${CPU_REQUESTS} requests one after another per page, the floor's before and after (user + system CPU of each server's process tree).\n`);
    out("| page | as | HTML KB | p50 ms | p97.5 ms | req/s | floor p97.5 ms | floor req/s | p50 × floor | **p97.5 × floor** | deep ÷ page 1 (p97.5) | CPU ms / request | floor CPU ms | **CPU × floor** | errors |");
    out("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const t of pages) {
      const r = results.get(t.label)!;
      const deep = t.deepOf && results.has(t.deepOf) ? f2(r.p975 / results.get(t.deepOf)!.p975) : "";
      const cpu = r.cpu ? `${f2(r.cpu.app)} | ${f2(r.cpu.floor)} | **${f2(r.cpu.app / r.cpu.floor)}**` : " |  | ";
      out(`| ${t.label} | ${t.who} | ${f1(r.htmlKb)} | ${f1(r.p50)} | ${f1(r.p975)} | ${r.rps.toFixed(0)} | ${f1(r.floorP975)} | ${r.floorRps.toFixed(0)} | ${f2(r.r50)} | **${f2(r.r975)}** | ${deep} | ${cpu} | ${r.errors} |`);
    }
    out();
  }

  if (PARTS.has("deep")) {
    out(`Deep pages against their first page, side by side: ${ROUNDS} rounds alternating which goes first, each of ${CPU_REQUESTS} requests one after another (server CPU a request) and ${SECONDS} s under ${CONNECTIONS} connections (p97.5); the ratios are the medians of the rounds' ratios.\n`);
    out("| deep page | as | CPU ms / request: page 1 | deep | **CPU deep ÷ page 1** | p97.5 ms: page 1 | deep | **p97.5 deep ÷ page 1** |");
    out("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const t of pages.filter((p) => p.deepOf)) {
      const first = targets.pages.find((p) => p.label === t.deepOf);
      if (!first) continue;
      const [page1, deep] = [app.base + first.path, app.base + t.path];
      for (const url of [page1, deep]) await cpuPerRequest(app, url, cookies[t.who], 20);
      const cpu = { page1: [] as number[], deep: [] as number[] };
      const p975 = { page1: [] as number[], deep: [] as number[] };
      for (let r = 0; r < ROUNDS; r++) {
        for (const [which, url] of (r % 2 ? [["deep", deep], ["page1", page1]] : [["page1", page1], ["deep", deep]]) as ["page1" | "deep", string][]) {
          cpu[which].push(await cpuPerRequest(app, url, cookies[t.who], CPU_REQUESTS));
          p975[which].push((await load(url, { cookie: cookies[t.who], connections: CONNECTIONS, seconds: SECONDS })).p975);
        }
      }
      const ratio = (x: { page1: number[]; deep: number[] }) => median(x.deep.map((d, i) => d / x.page1[i]!));
      out(`| ${t.label} | ${t.who} | ${f1(median(cpu.page1))} | ${f1(median(cpu.deep))} | **${f2(ratio(cpu))}** | ${f1(median(p975.page1))} | ${f1(median(p975.deep))} | **${f2(ratio(p975))}** |`);
    }
    out();
  }

  if (PARTS.has("exports")) {
    out(`| CSV export | rows | MB | sent MB | first byte ms | s | rows/s | RSS before MB | peak MB | growth MB | ${SETTLE_S} s after MB |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
    for (const x of exports) {
      await get(`${app.base}${x.path.replace(/\/export(\.csv)?$/, "")}`, cookies[x.who]);
      const r = await measureExport(app.base + x.path, cookies[x.who], app.pid, SETTLE_S * 1_000);
      out(`| ${x.label} | ${r.rows.toLocaleString("en")} | ${f1(r.mb)} | ${f1(r.sentMb)} (${r.encoding}) | ${r.ttfbMs.toFixed(0)} | ${f1(r.seconds)} | ${r.rowsPerS.toFixed(0)} | ${r.baseMb.toFixed(0)} | ${r.peakMb.toFixed(0)} | ${(r.peakMb - r.baseMb).toFixed(0)} | ${r.afterMb.toFixed(0)} |`);
    }
    const d = await measureDisconnect(`${app.base}/invoices/export.csv`, cookies.claire, app.pid);
    out(`\nDisconnect after 1 MB of the invoices export: the server used ${d.busyMsBefore.toFixed(0)} ms of CPU per 2 s while streaming, ${d.busyMsAfter.toFixed(0)} ms in the 2 s after the client left (idle: ${d.idleMs.toFixed(0)} ms).`);
    // A page while the invoices export streams to another client, against the same page idle.
    const page = `${app.base}/invoices`;
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push((await get(page, cookies.claire)).ms);
    const controller = new AbortController();
    const streaming = fetch(`${app.base}/invoices/export.csv`, { headers: { cookie: cookies.claire }, signal: controller.signal })
      .then(async (res) => { const reader = res.body!.getReader(); while (!(await reader.read()).done); }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1_000));
    const busy: number[] = [];
    for (let i = 0; i < 20; i++) busy.push((await get(page, cookies.claire)).ms);
    controller.abort();
    await streaming;
    out(`/invoices, 20 requests one after another: median ${f1(median(idle))} ms idle, ${f1(median(busy))} ms while the 1M-row export streams (${f2(median(busy) / median(idle))}×).\n`);
  }

  if (PARTS.has("held")) {
    // Exports opened and left unread by one user (docs/security.md, "Downloads").
    const h = await measureHeldExports(`${app.base}/invoices/export.csv`, `${app.base}/invoices`, cookies.claire, app.pid, HELD, HELD_WAIT_S);
    const answers = Object.entries(h.statuses).map(([status, count]) => `${count} × ${status}`).join(", ");
    const freed = h.freedAfterS === null ? `not within ${HELD_WAIT_S} s` : `${f1(h.freedAfterS)} s later`;
    out(`${HELD} invoice exports opened at once by Claire and left unread: answered ${answers}; RSS ${h.baseMb.toFixed(0)} MB before, peak ${h.peakMb.toFixed(0)} MB; /invoices median ${f1(h.idlePageMs)} ms idle, ${f1(h.pageMs)} ms meanwhile; a new export of hers accepted ${freed}; RSS ${h.afterMb.toFixed(0)} MB 5 s after the client let go.\n`);
  }

  if (PARTS.has("memory")) {
    // The invoice export on a server left alone before and after: when is its RSS back to where it was?
    const m = await measureMemoryReturn(`${app.base}/invoices/export.csv`, cookies.claire, app.pid, { maxS: MEMORY_S });
    const back = m.backAfterS === null ? `not within ${MEMORY_S} s` : `back at or below it ${m.backAfterS} s after the export ended`;
    out(`Memory after the invoice export (${f1(m.exportS)} s), no request before or after: RSS ${m.baseMb.toFixed(0)} MB idle before, ${back}. Every 5 s: ${m.samples.map(([s, mb]) => `${s} s ${mb.toFixed(0)}`).join(", ")} MB.\n`);
  }

  if (lighthouse && PARTS.has("lighthouse")) {
    const partner = pages.find((p) => p.label === "/partners/[id]")!;
    const runs = await lighthouseRuns([
      { label: "floor", url: `${floor.base}/` },
      { label: "/partners/[id]", url: app.base + partner.path, cookie: cookies.claire },
    ], LH_ROUNDS);
    out(`Lighthouse ${LH_ROUNDS} rounds (performance, default mobile throttling, headless Chromium):\n`);
    out("| page | scores | median | median TBT ms | median LCP ms |\n| --- | --- | ---: | ---: | ---: |");
    for (const [label, r] of runs) out(`| ${label} | ${r.map((x) => x.score).join(", ")} | ${median(r.map((x) => x.score))} | ${median(r.map((x) => x.tbtMs)).toFixed(0)} | ${median(r.map((x) => x.lcpMs)).toFixed(0)} |`);
    out();
  }
  await stop(app);
  await stop(floor);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => { void Promise.all([...running].map((s) => s.stop())).finally(() => process.exit(130)); });
}

const started = performance.now();
try {
  out(`# Partner Manager HTTP benchmark\n`);
  out(`${new Date().toISOString()} · Node ${process.version} · ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim()}) · load average ${os.loadavg().map(f2).join(" ")} at the start · server log ${LOG}\n`);
  ensureBuilds();
  if (PARTS.has("js")) jsSection();
  // On each engine's database (a demo database will do: BENCH_SQLITE_URL, BENCH_PG_URL).
  if (PARTS.has("startup")) for (const url of ENGINES) await startupSection(url);
  // The large data set only for these parts.
  if (["pages", "deep", "exports", "held", "memory", "lighthouse"].some((p) => PARTS.has(p))) for (const [i, url] of ENGINES.entries()) await engineSection(url, i === 0);
  out(`Total ${f1((performance.now() - started) / 1000)} s; load average ${os.loadavg().map(f2).join(" ")} at the end.`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await Promise.all([...running].map((s) => s.stop()));
}
process.exit();
