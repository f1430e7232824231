// How much of a page's cost is its markup, and how much is the product's own work: each page beside the
// bare floor and beside the floor drawing that page's own markup (bench/floor/app/markup/page.jsx, the
// page's body saved from the product as a tree and rendered by React per request, without data, session
// or client components). Server CPU per request one at a time, then under 20 connections (CPU per
// request and p97.5), in rounds that rotate the three servers' order.
//
//   npm run build && npm run bench:markup
//
// MARKUP_DB (default file:<this checkout>/.data/large.db; give an absolute path), MARKUP_PAGES (path:who
// pairs, who "-" for a page without sign-in; default "/partners:claire,/invoices:claire,/audit/events:nora"), MARKUP_SEQUENTIAL (200, after 100
// to warm up), MARKUP_ROUNDS (3 rounds of MARKUP_SECONDS = 5 s under load per server), MARKUP_PORT (3641:
// product, +1 floor). Builds the floor again when its build has no markup page. Output is markdown.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { get, median, signIn } from "./http";
import { bodyMarkup, countElements } from "./markup";
import { cpuUnderLoad, ensureFloorBuild, NEXT_BIN, startServer, warmCpuPerRequest, type Server } from "./servers";
import { pagesFromEnv, USERS } from "./targets";

const DB = process.env.MARKUP_DB ?? `file:${path.resolve(".data/large.db")}`;
const PAGES = pagesFromEnv("MARKUP_PAGES", "/partners:claire,/invoices:claire,/audit/events:nora");
const SEQUENTIAL = Number(process.env.MARKUP_SEQUENTIAL ?? 200);
const ROUNDS = Number(process.env.MARKUP_ROUNDS ?? 3);
const SECONDS = Number(process.env.MARKUP_SECONDS ?? 5);
const PORT = Number(process.env.MARKUP_PORT ?? 3641);
const CONNECTIONS = 20;
const FLOOR_DIR = path.join("bench", "floor");
const LOG = path.join(os.tmpdir(), `pm-markup-floor-${process.pid}.log`);
const MARKUP_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "pm-markup-"));

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

ensureFloorBuild({ dir: FLOOR_DIR });

const servers: Server[] = [];
try {
  const env = { DATABASE_URL: DB, AUTH_SECRET: `markup-floor-${"x".repeat(32)}`, WORKER_IN_APP: "off", RENEWALS_IN_APP: "off" };
  const app = await startServer({ name: "product", port: PORT, args: ["--max-old-space-size=1024", "--expose-gc", path.join("lib", "cli", "start.mjs")], env, probe: "/login", log: LOG });
  servers.push(app);
  const floor = await startServer({ name: "floor", port: PORT + 1, args: [NEXT_BIN, "start", FLOOR_DIR], env: { FLOOR_MARKUP_DIR: MARKUP_DIR }, log: LOG });
  servers.push(floor);
  console.log(`# Pages beside the bare floor and the floor drawing their markup\n\n${new Date().toISOString()} · ${DB} · ${SEQUENTIAL} requests one after another, then ${ROUNDS} rounds of ${SECONDS} s with ${CONNECTIONS} connections per server, rotating · load average ${os.loadavg().map(f2).join(" ")} at the start · server log ${LOG}\n`);
  console.log("| page | as | elements | HTML KB: page · markup floor | alone, CPU ms / request: page · bare floor · markup floor | page ÷ markup floor | markup floor ÷ bare floor | under load, CPU ms / request: page · bare · markup | p97.5 ms: page · bare · markup | **page ÷ markup floor, p97.5** |");
  console.log("| --- | --- | ---: | --- | --- | ---: | ---: | --- | --- | ---: |");
  for (const { page, who } of PAGES) {
    const cookie = who === "-" ? undefined : await signIn(app.base, USERS[who], "manager-demo");
    const { body: html } = await get(app.base + page, cookie);
    const slug = page.replace(/[^\w]+/g, "-").replace(/^-|-$/g, "") || "home";
    const tree = bodyMarkup(html);
    fs.writeFileSync(path.join(MARKUP_DIR, `${slug}.json`), JSON.stringify(tree));
    const urls = { page: app.base + page, bare: `${floor.base}/`, markup: `${floor.base}/markup?page=${slug}` };
    const { body: drawn } = await get(urls.markup, undefined);
    if (!drawn.includes('id="markup"')) throw new Error(`bench: the markup floor did not draw ${page}`);
    const server = { page: app, bare: floor, markup: floor };
    const cookieOf = { page: cookie, bare: undefined, markup: undefined };
    const kinds = ["page", "bare", "markup"] as const;
    const alone: Record<(typeof kinds)[number], number> = { page: 0, bare: 0, markup: 0 };
    for (const k of kinds) alone[k] = await warmCpuPerRequest(server[k], urls[k], cookieOf[k], SEQUENTIAL);
    type Loaded = Awaited<ReturnType<typeof cpuUnderLoad>>;
    const rounds: Record<(typeof kinds)[number], Loaded>[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round: Partial<Record<(typeof kinds)[number], Loaded>> = {};
      for (let j = 0; j < kinds.length; j++) {
        const k = kinds[(i + j) % kinds.length]!;
        round[k] = await cpuUnderLoad(server[k], urls[k], cookieOf[k], { connections: CONNECTIONS, seconds: SECONDS });
      }
      rounds.push(round as Record<(typeof kinds)[number], Loaded>);
    }
    const m = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
    console.log(`| ${page} | ${who} | ${countElements(tree)} | ${f1(html.length / 1024)} · ${f1(drawn.length / 1024)} | ${f1(alone.page)} · ${f1(alone.bare)} · ${f1(alone.markup)} | ${f2(alone.page / alone.markup)} | ${f2(alone.markup / alone.bare)} | ${f1(m((r) => r.page.cpuPerRequest))} · ${f1(m((r) => r.bare.cpuPerRequest))} · ${f1(m((r) => r.markup.cpuPerRequest))} | ${m((r) => r.page.p975)} · ${m((r) => r.bare.p975)} · ${m((r) => r.markup.p975)} | **${f2(m((r) => r.page.p975 / r.markup.p975))}** |`);
  }
  console.log(`\nLoad average ${os.loadavg().map(f2).join(" ")} at the end.`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(MARKUP_DIR, { recursive: true, force: true });
}
