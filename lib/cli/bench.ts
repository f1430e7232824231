// `npm run bench`: how fast the keyset-paginated lists answer at volume, on every engine available.
// For each engine: a fresh database, the demo data, then 100 000 invoices (one line each) for Helvetia
// Bakery SA and 50 000 prepaid entries for Alpine Web Studio, bulk-inserted in transactions, plus a
// modest number of audit events appended through the hash chain. Each list page is timed N times with
// performance.now() (median and p95, after warm-up runs), and the plan of the invoice list query is
// printed. The databases are dropped at the end, error or not. Results are written down in
// docs/benchmarks.md; this is not a test and asserts nothing about timings.
//
// Env: BENCH_DATABASE_URL (or TEST_DATABASE_URL) = an admin postgres:// URL to bench PostgreSQL too;
// BENCH_INVOICES (100000), BENCH_PREPAID (50000), BENCH_AUDIT (2000), BENCH_RUNS (20) to scale it.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { insertAuditEvent, type RequestMeta } from "@/db/audit";
import { listAuditEventsPage } from "@/db/audit-events-list";
import { verifyAuditChain } from "@/db/audit-verify";
import { createDatabase, getDatabase, setDatabase, type Database } from "@/db/client";
import { listInvoices, type Cursor, type InvoiceFilter } from "@/db/invoices";
import { listPrepaidEntries } from "@/db/prepaid";
import { seedDemoData } from "@/db/seed";
import { applyBasisPoints } from "@/lib/billing/money";
import type { InvoiceStatus } from "@/lib/domain";
import { newId } from "@/lib/ids";
import { parseEventFilters } from "@/lib/validation/audit-filters";

const int = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const INVOICES = int("BENCH_INVOICES", 100_000);
const PREPAID = int("BENCH_PREPAID", 50_000);
const AUDIT = int("BENCH_AUDIT", 2_000);
const RUNS = int("BENCH_RUNS", 20);
const WARMUP = 3;
const PAGE = 50;
const TARGET_MS = 50;
const DAY = 86_400_000;
const SPAN_DAYS = 730;
const META: RequestMeta = { requestId: "bench", ip: null, userAgent: "bench" };

type Engine = "sqlite" | "postgres";
const pgAdminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const engines: Engine[] = pgAdminUrl ? ["sqlite", "postgres"] : ["sqlite"];

// The bench's own databases, named after this host and process: a run killed outright (tsx SIGKILLs a
// child whose event loop is busy in a synchronous libsql call when Ctrl-C comes) leaves them behind,
// and the next run drops those whose process is gone. Nothing else (test databases included) is touched.
const HOST = createHash("sha1").update(os.hostname()).digest("hex").slice(0, 8);
const SQLITE_DIR = new RegExp(`^pm-bench-${HOST}-(\\d+)-`);
const PG_NAME = new RegExp(`^pm_bench_${HOST}_(\\d+)_[a-z0-9]+$`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function dropPg(admin: pg.Client, name: string): Promise<void> {
  // pool.end() resolves before its sockets have closed; let the backends leave before a FORCE drop.
  for (let i = 0; i < 50; i++) {
    const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
    if (rows[0]?.n === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function sweepStale(): Promise<void> {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    const m = SQLITE_DIR.exec(entry);
    if (m && !alive(Number(m[1]))) {
      fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
      console.log(`(removed ${entry}, left by an interrupted run)`);
    }
  }
  if (!pgAdminUrl) return;
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'pm\\_bench\\_%'");
    for (const { datname } of rows) {
      const m = PG_NAME.exec(datname);
      if (m && !alive(Number(m[1]))) {
        await dropPg(admin, datname);
        console.log(`(dropped ${datname}, left by an interrupted run)`);
      }
    }
  });
}

type BenchDatabase = { database: Database; drop(): Promise<void> };

/** A new, empty (not yet migrated) database of the engine; drop() closes and removes it, once however often called. */
async function createBenchDatabase(engine: Engine): Promise<BenchDatabase> {
  const once = (fn: () => Promise<void>) => {
    let dropping: Promise<void> | undefined;
    return () => (dropping ??= fn());
  };
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pm-bench-${HOST}-${process.pid}-`));
    const database = createDatabase(`file:${path.join(dir, "bench.db")}`);
    return { database, drop: once(async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); }) };
  }
  const name = `pm_bench_${HOST}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const u = new URL(pgAdminUrl!);
  u.pathname = `/${name}`;
  const database = createDatabase(u.toString());
  return { database, drop: once(async () => { await database.close(); await withAdmin((admin) => dropPg(admin, name)); }) };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run loads the same shape of data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function orgIdByName(name: string): Promise<string> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ id: schema.organizations.id }).from(schema.organizations).where(eq(schema.organizations.name, name));
  if (!row) throw new Error(`bench: no demo organization ${name}`);
  return row.id;
}

type Orgs = { helvetia: string; alpine: string; clients: string[]; ticino: string };

/** Invoices to Helvetia over the last two years, for itself and four other organizations, one line each. */
async function loadInvoices(orgs: Orgs, now: Date): Promise<void> {
  const database = getDatabase();
  const { invoices, invoiceLines, invoiceCounters } = database.schema;
  const rnd = random(42);
  const prices = [1_590, 2_990, 9_900, 16_800, 24_000, 4_800];
  const [counter] = await database.db.select({ lastSeq: invoiceCounters.lastSeq }).from(invoiceCounters).where(eq(invoiceCounters.orgId, orgs.helvetia));
  const firstSeq = (counter?.lastSeq ?? 0) + 1;
  const start = now.getTime() - SPAN_DAYS * DAY;
  const step = (SPAN_DAYS * DAY - DAY) / INVOICES;
  const perTx = 5_000;
  for (let from = 0; from < INVOICES; from += perTx) {
    const rows: (typeof invoices.$inferInsert)[] = [];
    const lines: (typeof invoiceLines.$inferInsert)[] = [];
    for (let i = from; i < Math.min(from + perTx, INVOICES); i++) {
      const issuedAt = new Date(Math.floor(start + i * step + rnd() * step));
      const recent = now.getTime() - issuedAt.getTime() < 30 * DAY;
      // Recent invoices are unpaid; about 5 % of the older ones are overdue.
      const status: InvoiceStatus = recent || rnd() < 0.05 ? "unpaid" : "paid";
      const subtotal = prices[Math.floor(rnd() * prices.length)]!;
      const vat = applyBasisPoints(subtotal, 810);
      const seq = firstSeq + i;
      const id = newId();
      rows.push({
        id, orgId: orgs.helvetia, seq, number: `INV-${String(seq).padStart(6, "0")}`, orderId: null,
        forOrgId: orgs.clients[Math.floor(rnd() * orgs.clients.length)]!, status, currency: "CHF" as const,
        subtotalMinor: subtotal, vatMinor: vat, totalMinor: subtotal + vat, issuedAt,
        paidAt: status === "paid" ? new Date(issuedAt.getTime() + 10 * DAY) : null,
      });
      lines.push({ id: newId(), invoiceId: id, position: 1, description: `Bench service #${seq}`, amountMinor: subtotal, vatRateBp: 810, vatMinor: vat });
    }
    await database.transaction(async (tx) => {
      for (const part of chunks(rows, 1_000)) await tx.insert(invoices).values(part);
      for (const part of chunks(lines, 1_000)) await tx.insert(invoiceLines).values(part);
    });
  }
  await database.transaction(async (tx) => {
    await tx.update(invoiceCounters).set({ lastSeq: firstSeq + INVOICES - 1 }).where(eq(invoiceCounters.orgId, orgs.helvetia));
  });
}

/** Cashback entries (and a withdrawal now and then) in Alpine's ledger; the balance row follows the sum. */
async function loadPrepaid(orgs: Orgs, now: Date): Promise<void> {
  const database = getDatabase();
  const { prepaidEntries, prepaidAccounts } = database.schema;
  const rnd = random(7);
  const customers = [orgs.helvetia, ...orgs.clients.filter((c) => c !== orgs.helvetia).slice(0, 2)];
  const start = now.getTime() - SPAN_DAYS * DAY;
  const step = (SPAN_DAYS * DAY - DAY) / PREPAID;
  let total = 0;
  const perTx = 10_000;
  for (let from = 0; from < PREPAID; from += perTx) {
    const rows: (typeof prepaidEntries.$inferInsert)[] = [];
    for (let i = from; i < Math.min(from + perTx, PREPAID); i++) {
      const withdrawal = i % 25 === 24;
      const amount = withdrawal ? -100 : [318, 598, 1_980, 3_360][Math.floor(rnd() * 4)]!;
      total += amount;
      rows.push({
        id: newId(), partnerOrgId: orgs.alpine, kind: withdrawal ? "withdrawal" as const : "cashback" as const, amountMinor: amount,
        currency: "CHF" as const, orderId: null, customerOrgId: withdrawal ? null : customers[Math.floor(rnd() * customers.length)]!,
        createdAt: new Date(Math.floor(start + i * step + rnd() * step)),
      });
    }
    await database.transaction(async (tx) => {
      for (const part of chunks(rows, 1_000)) await tx.insert(prepaidEntries).values(part);
    });
  }
  await database.transaction(async (tx) => {
    await tx.update(prepaidAccounts).set({ balanceMinor: sql`${prepaidAccounts.balanceMinor} + ${total}`, updatedAt: now }).where(eq(prepaidAccounts.orgId, orgs.alpine));
  });
}

/** Audit events through the real append (one hash chain), so the chain stays valid. */
async function loadAudit(orgs: Orgs, now: Date): Promise<void> {
  const database = getDatabase();
  const perTx = 250;
  for (let from = 0; from < AUDIT; from += perTx) {
    await database.transaction(async (tx) => {
      for (let i = from; i < Math.min(from + perTx, AUDIT); i++) {
        await insertAuditEvent(tx, {
          kind: "order.placed", outcome: "ok", actorUserId: null, actorOrgId: orgs.alpine,
          customerOrgId: orgs.clients[i % orgs.clients.length]!, partnerOrgId: i % 2 === 0 ? orgs.alpine : null,
          after: { bench: i }, meta: META, at: new Date(now.getTime() - (AUDIT - i) * 60_000),
        });
      }
    });
  }
}

/** The keyset cursor that starts the page at 0-based row `index` of the filtered list (the row before it). */
async function invoiceCursorAt(f: InvoiceFilter, index: number): Promise<Cursor> {
  const { db, schema } = getDatabase();
  const i = schema.invoices;
  const [row] = await db
    .select({ at: i.issuedAt, id: i.id })
    .from(i)
    .where(and(eq(i.orgId, f.orgId), f.status ? eq(i.status, f.status) : undefined, f.forOrgId ? eq(i.forOrgId, f.forOrgId) : undefined,
      f.from ? gte(i.issuedAt, f.from) : undefined, f.to ? lt(i.issuedAt, f.to) : undefined))
    .orderBy(desc(i.issuedAt), desc(i.id))
    .limit(1)
    .offset(index - 1);
  if (!row) throw new Error(`bench: no invoice at row ${index - 1}`);
  return row;
}

async function prepaidCursorAt(partnerOrgId: string, index: number): Promise<Cursor> {
  const { db, schema } = getDatabase();
  const e = schema.prepaidEntries;
  const [row] = await db.select({ at: e.createdAt, id: e.id }).from(e).where(eq(e.partnerOrgId, partnerOrgId))
    .orderBy(desc(e.createdAt), desc(e.id)).limit(1).offset(index - 1);
  if (!row) throw new Error(`bench: no prepaid entry at row ${index - 1}`);
  return row;
}

async function countWhere(table: "invoices" | "prepaid", where: SQL | undefined): Promise<number> {
  const { db, schema } = getDatabase();
  const t = table === "invoices" ? schema.invoices : schema.prepaidEntries;
  const [row] = await db.select({ n: count() }).from(t).where(where);
  return Number(row?.n ?? 0);
}

/** Where the last page starts when paging from the first one, PAGE rows at a time. */
const lastPageStart = (total: number) => Math.floor((total - 1) / PAGE) * PAGE;

type Result = { name: string; rows: number; median: number; p95: number; min: number; max: number };

async function measure(name: string, run: () => Promise<{ rows: unknown[] }>, expectRows?: number): Promise<Result> {
  let rows = 0;
  for (let i = 0; i < WARMUP; i++) rows = (await run()).rows.length;
  if (expectRows !== undefined && rows !== expectRows) throw new Error(`bench: ${name} returned ${rows} rows, expected ${expectRows}`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  // Nearest rank: with 20 runs, the 19th fastest.
  const p95 = times[Math.ceil(0.95 * times.length) - 1]!;
  return { name, rows, median, p95, min: times[0]!, max: times.at(-1)! };
}

type Captured = { sql: string; params: unknown[] };

/** The statements the data layer sends while fn runs, read off the driver client (not rebuilt by hand). */
async function captureQueries(database: Database, fn: () => Promise<unknown>): Promise<Captured[]> {
  const client = (database.db as unknown as { $client: Record<string, unknown> }).$client;
  const method = database.dialect === "postgres" ? "query" : "execute";
  const own = Object.prototype.hasOwnProperty.call(client, method);
  const original = client[method] as (...args: unknown[]) => unknown;
  const seen: Captured[] = [];
  client[method] = function (this: unknown, ...args: unknown[]) {
    const [q, p] = args;
    if (typeof q === "string") seen.push({ sql: q, params: Array.isArray(p) ? p : [] });
    else if (database.dialect === "postgres") {
      const c = q as { text: string; values?: unknown[] };
      seen.push({ sql: c.text, params: Array.isArray(p) ? p : c.values ?? [] });
    } else {
      const s = q as { sql: string; args?: unknown[] };
      seen.push({ sql: s.sql, params: s.args ?? [] });
    }
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    if (own) client[method] = original;
    else delete client[method];
  }
  return seen;
}

async function explain(database: Database, q: Captured): Promise<string> {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.dialect === "postgres") {
    const pool = client as { query(text: string, values: unknown[]): Promise<{ rows: Record<string, string>[] }> };
    const { rows } = await pool.query(`EXPLAIN ${q.sql}`, q.params);
    // The page's 50 ids, inlined by the custom plan, would fill the screen.
    return rows.map((r) => r["QUERY PLAN"]!.replace(/'\{[^}]{200,}\}'/g, (m) => `'{…${m.split(",").length} ids…}'`)).join("\n");
  }
  const lite = client as { execute(stmt: { sql: string; args: unknown[] }): Promise<{ rows: Record<string, unknown>[] }> };
  const { rows } = await lite.execute({ sql: `EXPLAIN QUERY PLAN ${q.sql}`, args: q.params });
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(Number(r.parent)) ?? -1) + 1;
    depth.set(Number(r.id), d);
    return `${"  ".repeat(d)}${String(r.detail)}`;
  }).join("\n");
}

async function engineVersion(database: Database): Promise<string> {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.dialect === "postgres") {
    const { rows } = await (client as { query(t: string): Promise<{ rows: { v: string }[] }> }).query("SELECT version() AS v");
    return rows[0]?.v.split(" on ")[0] ?? "PostgreSQL";
  }
  const { rows } = await (client as { execute(s: string): Promise<{ rows: Record<string, unknown>[] }> }).execute("SELECT sqlite_version() AS v");
  return `SQLite ${String(rows[0]?.v)} (@libsql/client)`;
}

const ms = (x: number) => x.toFixed(1);

async function benchEngine(database: Database): Promise<{ results: Result[]; ok: boolean }> {
  const now = new Date();
  const t0 = performance.now();
  await seedDemoData(now);
  const helvetia = await orgIdByName("Helvetia Bakery SA");
  const ticino = await orgIdByName("Ticino Vini SA");
  const orgs: Orgs = {
    helvetia, alpine: await orgIdByName("Alpine Web Studio"), ticino,
    clients: [helvetia, ticino, ...(await Promise.all(["Matterhorn Sports AG", "Zürich Legal Partners", "Bern Architects GmbH"].map(orgIdByName)))],
  };
  const tSeed = performance.now();
  await loadInvoices(orgs, now);
  const tInvoices = performance.now();
  await loadPrepaid(orgs, now);
  const tPrepaid = performance.now();
  await loadAudit(orgs, now);
  const tAudit = performance.now();
  // PostgreSQL's autovacuum would analyze tables this size on its own; do it now rather than wait.
  // SQLite is left as the app leaves it (the app never runs ANALYZE).
  if (database.dialect === "postgres") await database.db.execute(sql`ANALYZE`);
  const chain = await verifyAuditChain();
  if (!chain.ok) throw new Error("bench: the audit chain is broken after the load");

  const { schema } = database;
  const inv = schema.invoices;
  const totalInvoices = await countWhere("invoices", eq(inv.orgId, helvetia));
  const totalEntries = await countWhere("prepaid", eq(schema.prepaidEntries.partnerOrgId, orgs.alpine));
  const totalUnpaid = await countWhere("invoices", and(eq(inv.orgId, helvetia), eq(inv.status, "unpaid")));
  // A quarter a year ago: Zurich-ish calendar bounds don't matter for timing.
  const from = new Date(now.getTime() - 455 * DAY);
  const to = new Date(now.getTime() - 365 * DAY);

  console.log(`\n## ${await engineVersion(database)}\n`);
  console.log(`Loaded in ${ms((tAudit - t0) / 1000)} s: demo seed ${ms((tSeed - t0) / 1000)} s, ${INVOICES.toLocaleString("en")} invoices + lines ${ms((tInvoices - tSeed) / 1000)} s, `
    + `${PREPAID.toLocaleString("en")} prepaid entries ${ms((tPrepaid - tInvoices) / 1000)} s, ${AUDIT.toLocaleString("en")} audit events ${ms((tAudit - tPrepaid) / 1000)} s `
    + `(audit chain verified: ${chain.checked} events).`);
  console.log(`Helvetia's invoices: ${totalInvoices.toLocaleString("en")} (${totalUnpaid.toLocaleString("en")} unpaid); Alpine's ledger: ${totalEntries.toLocaleString("en")} entries.\n`);

  const base: InvoiceFilter = { orgId: helvetia };
  const unpaid: InvoiceFilter = { orgId: helvetia, status: "unpaid" };
  const client: InvoiceFilter = { orgId: helvetia, forOrgId: ticino };
  const period: InvoiceFilter = { orgId: helvetia, from, to };
  const combined: InvoiceFilter = { orgId: helvetia, status: "unpaid", forOrgId: ticino, from: new Date(now.getTime() - SPAN_DAYS * DAY), to };
  const middle = await invoiceCursorAt(base, Math.floor(totalInvoices / 2 / PAGE) * PAGE);
  const last = await invoiceCursorAt(base, lastPageStart(totalInvoices));
  const lastRows = totalInvoices - lastPageStart(totalInvoices);
  const unpaidLast = await invoiceCursorAt(unpaid, lastPageStart(totalUnpaid));
  const entriesMiddle = await prepaidCursorAt(orgs.alpine, Math.floor(totalEntries / 2 / PAGE) * PAGE);
  const entriesLast = await prepaidCursorAt(orgs.alpine, lastPageStart(totalEntries));
  const auditAll = parseEventFilters({});
  const auditOrg = parseEventFilters({ org: orgs.alpine });

  const results: Result[] = [];
  const lastPage = async (r: Promise<{ rows: unknown[]; next: unknown }>) => {
    const page = await r;
    if (page.next !== null) throw new Error("bench: the last page has a next cursor");
    return page;
  };
  results.push(await measure("invoices: first page", () => listInvoices(base), PAGE));
  results.push(await measure(`invoices: middle page (row ${Math.floor(totalInvoices / 2 / PAGE) * PAGE})`, () => listInvoices({ ...base, cursor: middle }), PAGE));
  results.push(await measure("invoices: last page", () => lastPage(listInvoices({ ...base, cursor: last })), lastRows));
  results.push(await measure("invoices: status = unpaid, first page", () => listInvoices(unpaid), PAGE));
  results.push(await measure("invoices: status = unpaid, last page", () => lastPage(listInvoices({ ...unpaid, cursor: unpaidLast }))));
  results.push(await measure("invoices: client = Ticino Vini, first page", () => listInvoices(client), PAGE));
  results.push(await measure("invoices: period (one quarter, a year ago), first page", () => listInvoices(period), PAGE));
  results.push(await measure("invoices: unpaid + Ticino + period (2 y → 1 y ago)", () => listInvoices(combined)));
  results.push(await measure("prepaid: first page", () => listPrepaidEntries({ partnerOrgId: orgs.alpine }), PAGE));
  results.push(await measure(`prepaid: middle page (row ${Math.floor(totalEntries / 2 / PAGE) * PAGE})`, () => listPrepaidEntries({ partnerOrgId: orgs.alpine, cursor: entriesMiddle }), PAGE));
  results.push(await measure("prepaid: last page", () => lastPage(listPrepaidEntries({ partnerOrgId: orgs.alpine, cursor: entriesLast }))));
  results.push(await measure("audit events (auditor): first page", () => listAuditEventsPage(auditAll), PAGE));
  results.push(await measure("audit events (auditor): org = Alpine, first page", () => listAuditEventsPage(auditOrg), PAGE));

  console.log(`| list page (${PAGE} rows a page) | rows | median ms | p95 ms | min ms | max ms | p95 < ${TARGET_MS} ms |`);
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | :---: |");
  for (const r of results) {
    console.log(`| ${r.name} | ${r.rows} | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.min)} | ${ms(r.max)} | ${r.p95 < TARGET_MS ? "yes" : "**no**"} |`);
  }

  // [label, what to run, which of the statements it sends to explain]
  const plans: [string, () => Promise<unknown>, number][] = [
    ["invoice list, first page", () => listInvoices(base), 0],
    ["invoice list, middle page (keyset cursor)", () => listInvoices({ ...base, cursor: middle }), 0],
    ["invoice list, last page (keyset cursor)", () => listInvoices({ ...base, cursor: last }), 0],
    ["invoice list, unpaid + client + period", () => listInvoices(combined), 0],
    ["prepaid list, first page: the balance-after-each-row query", () => listPrepaidEntries({ partnerOrgId: orgs.alpine }), 1],
  ];
  let usesIndex = true;
  for (const [label, fn, nth] of plans) {
    const q = (await captureQueries(database, fn))[nth];
    if (!q) throw new Error(`bench: no query captured for ${label}`);
    const plan = await explain(database, q);
    const indexes = [...new Set(plan.match(/\b(?:invoices|prepaid_entries)_\w+_(?:idx|uq)\b/g) ?? [])];
    if (label.startsWith("invoice list, first") || label.includes("middle")) usesIndex &&= indexes.includes("invoices_org_issued_idx");
    console.log(`\n${label} — ${database.dialect === "postgres" ? "EXPLAIN" : "EXPLAIN QUERY PLAN"} (index: ${indexes.join(", ") || "none"}):\n`);
    console.log("```");
    console.log(plan);
    console.log("```");
  }
  return { results, ok: usesIndex };
}

const open = new Set<BenchDatabase>();
async function dropAll(): Promise<void> {
  for (const t of [...open]) {
    open.delete(t);
    await t.drop().catch((error: unknown) => console.error("bench: could not drop a database:", error));
  }
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\nbench: ${signal}, dropping the databases`);
    void dropAll().finally(() => process.exit(130));
  });
}

const started = performance.now();
console.log(`# Partner Manager list benchmark\n`);
console.log(`${new Date().toISOString()} · Node ${process.version} · ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? "unknown CPU"}) · `
  + `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB · ${os.platform()} ${os.release()} · load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
console.log(`${RUNS} timed runs per row after ${WARMUP} warm-up runs; engines: ${engines.join(", ")}.`);

let failed = false;
try {
  await sweepStale();
  for (const engine of engines) {
    const t = await createBenchDatabase(engine);
    open.add(t);
    setDatabase(t.database);
    try {
      await t.database.migrate();
      const { ok } = await benchEngine(t.database);
      if (!ok) {
        console.log("\n**The invoice list does not use invoices_org_issued_idx on this engine.**");
        failed = true;
      }
    } finally {
      setDatabase(undefined);
      open.delete(t);
      await t.drop();
    }
  }
} catch (error) {
  failed = true;
  // After a signal the databases are closed under the running queries: their errors are expected.
  if (!interrupted) console.error(error);
} finally {
  await dropAll();
}
console.log(`\nTotal ${ms((performance.now() - started) / 1000)} s.`);
process.exit(interrupted ? 130 : failed ? 1 : 0);
