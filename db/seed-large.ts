// The large data set of issue #10 (npm run seed:large), loaded on top of the demo data: a provider's
// scale for benchmarks. Same shape on every run (seeded pseudo-random numbers); only UUIDs and "now"
// change. Bulk inserts only (db/bulk-insert.ts): the immutability triggers forbid updates and deletes
// of issued invoices and audit events, not inserts. The audit events continue the demo chain: each
// hash is computed with lib/audit-hash.ts from the previous one, and the head row moves with every
// committed batch, so `npm run audit:verify` passes on the result.
import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { auditEventHash } from "@/lib/audit-hash";
import { applyBasisPoints } from "@/lib/billing/money";
import { zurichDate } from "@/lib/billing/period";

import { CATALOGUE } from "@/lib/catalogue";
import type { AuditKind } from "@/lib/domain";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import { bulkTransaction, type BulkWriter } from "./bulk-insert";
import { getDatabase, type Executor } from "./client";
import { invoiceNumber } from "./orders";
import { DEMO_PASSWORD } from "./seed";

export type LargeScale = { clients: number; invoices: number; partnerInvoices: number; prepaid: number; audit: number };
export const FULL_SCALE: LargeScale = { clients: 5_000, invoices: 1_000_000, partnerInvoices: 50_000, prepaid: 500_000, audit: 1_000_000 };

/** The scale times `factor` (0.001 for a test), at least one of each. */
export function scaleBy(factor: number): LargeScale {
  const s = (n: number) => Math.max(1, Math.round(n * factor));
  return { clients: s(FULL_SCALE.clients), invoices: s(FULL_SCALE.invoices), partnerInvoices: s(FULL_SCALE.partnerInvoices), prepaid: s(FULL_SCALE.prepaid), audit: s(FULL_SCALE.audit) };
}

const DAY = 86_400_000;
const SPAN = 730 * DAY;
const BATCH = 10_000;
const PER_TX = 100_000;

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WORDS = ["Alpen", "Berg", "Cloud", "Daten", "Edel", "Fluss", "Glacier", "Horizon", "Insel", "Jura", "Kristall", "Lago", "Monte", "Nebel", "Orbit", "Pilatus"];
const TRADES = ["Bäckerei", "Consulting", "Design", "Garage", "Hotel", "Immobilien", "Kanzlei", "Logistik", "Medien", "Praxis", "Reisen", "Treuhand"];
const FORMS = ["AG", "GmbH", "SA", "Sàrl"];
const FIRST = ["Anna", "Beat", "Chiara", "Daniel", "Elif", "Fabio", "Gina", "Hugo", "Irina", "Jan", "Katrin", "Leon", "Mia", "Nils", "Olga", "Pascal"];
const LAST = ["Ammann", "Bianchi", "Caduff", "Dubois", "Egli", "Fontana", "Gerber", "Hofer", "Iseli", "Jaquet", "Keller", "Lüthi", "Moser", "Nussbaum"];
const AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
];
const pick = <T>(list: readonly T[], r: number): T => list[Math.floor(r * list.length) % list.length]!;

export const largeClientName = (n: number) => `${WORDS[n % WORDS.length]} ${TRADES[Math.floor(n / WORDS.length) % TRADES.length]} ${n} ${FORMS[n % FORMS.length]}`;

type Client = { orgId: string; userId: string; partnershipId: string; access: "full" | "limited"; mode: "customer" | "partner"; status: "active" | "pending" | "ended"; since: Date };
type Demo = { helvetia: string; alpine: string; marc: string; claire: string };

export type LargeReport = { counts: Record<string, number>; seconds: Record<string, number> };

async function demoIds(): Promise<Demo> {
  const { db, schema } = getDatabase();
  const org = async (name: string) => (await db.select({ id: schema.organizations.id }).from(schema.organizations).where(eq(schema.organizations.name, name)))[0]?.id;
  const user = async (email: string) => (await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)))[0]?.id;
  const [helvetia, alpine, marc, claire] = await Promise.all([org("Helvetia Bakery SA"), org("Alpine Web Studio"), user("marc@alpine-web.test"), user("claire@helvetia-bakery.test")]);
  if (!helvetia || !alpine || !marc || !claire) throw new Error("seed:large needs the demo data first (npm run db:seed)");
  return { helvetia, alpine, marc, claire };
}

/** True when the large data set is already there (its first client exists). */
export async function isLargeDataLoaded(): Promise<boolean> {
  const { db, schema } = getDatabase();
  const rows = await db.select({ id: schema.organizations.id }).from(schema.organizations).where(eq(schema.organizations.name, largeClientName(1))).limit(1);
  return rows.length > 0;
}

/** Rows made by `make(i)` for i in [0, total), inserted BATCH at a time, PER_TX rows per transaction. */
async function loadInBatches<R>(total: number, make: (i: number) => R, write: (w: BulkWriter, rows: R[], last: boolean) => Promise<void>): Promise<void> {
  for (let from = 0; from < total; from += PER_TX) {
    const to = Math.min(from + PER_TX, total);
    await bulkTransaction(async (w) => {
      for (let i = from; i < to; i += BATCH) {
        const rows: R[] = [];
        for (let j = i; j < Math.min(i + BATCH, to); j++) rows.push(make(j));
        await write(w, rows, i + BATCH >= to);
      }
    });
  }
}

async function loadClients(demo: Demo, n: number, now: Date): Promise<Client[]> {
  const { schema } = getDatabase();
  const rnd = random(11);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const start = now.getTime() - SPAN;
  const clients: Client[] = Array.from({ length: n }, (_, i) => {
    const full = i % 10 < 7;
    return {
      orgId: newId(), userId: newId(), partnershipId: newId(), access: full ? "full" : "limited",
      mode: full && i % 5 < 2 ? "partner" : "customer", status: i % 50 === 7 ? "pending" : i % 50 === 13 ? "ended" : "active",
      since: new Date(start + Math.floor(((i + rnd()) * SPAN) / n)),
    };
  });
  await bulkTransaction(async (w) => {
    const created = new Date(start - 30 * DAY);
    await w.insert(schema.organizations, clients.map((c, i) => ({ id: c.orgId, name: largeClientName(i + 1), currency: "CHF" as const, country: "CH", vatRateBp: null, isPartner: false, resellerRateBp: null, createdAt: created })));
    await w.insert(schema.users, clients.map((c, i) => ({
      id: c.userId, email: `user${i + 1}@client${i + 1}.test`, name: `${pick(FIRST, rnd())} ${pick(LAST, rnd())}`, passwordHash, isAuditor: false, locale: "en", createdAt: created,
    })));
    await w.insert(schema.memberships, clients.map((c) => ({ userId: c.userId, orgId: c.orgId, role: "legal_representative" as const, createdAt: created })));
    await w.insert(schema.partnerships, clients.map((c) => ({
      id: c.partnershipId, customerOrgId: c.orgId, partnerOrgId: demo.alpine, status: c.status, access: c.access, paymentMode: c.mode, version: 1,
      createdAt: c.since, updatedAt: c.since, activatedAt: c.status === "pending" ? null : c.since, endedAt: c.status === "ended" ? new Date(c.since.getTime() + 30 * DAY) : null,
    })));
    const products = clients.map((c, i) => {
      const offer = CATALOGUE[i % CATALOGUE.length]!;
      return { id: newId(), orgId: c.orgId, offer: offer.code, category: offer.category, label: `${offer.name} — client ${i + 1}`, priceMinor: offer.prices.CHF, currency: "CHF" as const, renewalDate: new Date(now.getTime() + ((i % 365) + 1) * DAY).toISOString().slice(0, 10), status: "active" as const, createdAt: c.since };
    });
    await w.insert(schema.products, products);
    await w.insert(schema.partnershipProducts, clients.flatMap((c, i) => (c.access === "limited" ? [{ partnershipId: c.partnershipId, productId: products[i]!.id }] : [])));
  });
  return clients;
}

/** Invoices issued to `payerOrgId`, numbered after its counter, one line each; the counter moves in the same transaction. */
async function loadInvoices(payerOrgId: string, total: number, forOrg: (r: number) => string, seed: number, now: Date): Promise<void> {
  const { db, schema } = getDatabase();
  const { invoices, invoiceLines, invoiceCounters } = schema;
  const [counter] = await db.select({ lastSeq: invoiceCounters.lastSeq }).from(invoiceCounters).where(eq(invoiceCounters.orgId, payerOrgId));
  const first = (counter?.lastSeq ?? 0) + 1;
  const rnd = random(seed);
  const prices = [1_590, 1_990, 6_000, 7_200, 16_800, 24_000];
  const start = now.getTime() - SPAN;
  await loadInBatches(total, (i) => {
    const issuedAt = new Date(Math.floor(start + ((i + rnd()) * (SPAN - DAY)) / total));
    const status = now.getTime() - issuedAt.getTime() < 30 * DAY || rnd() < 0.05 ? ("unpaid" as const) : ("paid" as const);
    const subtotal = pick(prices, rnd());
    const vat = applyBasisPoints(subtotal, 810);
    const seq = first + i;
    return {
      id: newId(), orgId: payerOrgId, seq, number: invoiceNumber(seq), orderId: null, forOrgId: forOrg(rnd()), status, currency: "CHF" as const,
      subtotalMinor: subtotal, vatMinor: vat, totalMinor: subtotal + vat, issuedAt, paidAt: status === "paid" ? new Date(issuedAt.getTime() + 10 * DAY) : null,
      dueDate: zurichDate(new Date(issuedAt.getTime() + 30 * DAY)), paymentTermsDays: 30, paymentMethod: status === "paid" ? ("bank_transfer" as const) : null,
    };
  }, async (w, rows, last) => {
    await w.insert(invoices, rows);
    await w.insert(invoiceLines, rows.map((r) => ({ id: newId(), invoiceId: r.id, position: 1, description: `Hosting services, invoice ${r.number}`, amountMinor: r.subtotalMinor, vatRateBp: 810, vatMinor: r.vatMinor })));
    if (last) {
      const lastSeq = rows.at(-1)!.seq;
      if (counter) await w.db.update(invoiceCounters).set({ lastSeq }).where(eq(invoiceCounters.orgId, payerOrgId));
      else await w.db.insert(invoiceCounters).values({ orgId: payerOrgId, lastSeq }).onConflictDoUpdate({ target: invoiceCounters.orgId, set: { lastSeq } });
    }
  });
}

/**
 * Cashback from the clients (a withdrawal every 25th entry); the balance row moves with each transaction.
 * Each entry carries its balance-after (prepaid_entries.balance_after_minor), computed here in ledger
 * order (created_at, id) with the entries already there (the demo's), anchored like migration 0010 on
 * the account's balance. The loaded history is older than some demo entries, so those entries'
 * balances grow by the loaded amounts before them: the last transaction rewrites them (a handful of
 * rows), with the append-only trigger suspended inside it (rewriteLedgerBalances).
 */
async function loadPrepaid(demo: Demo, clients: Client[], total: number, now: Date): Promise<void> {
  const { db, schema } = getDatabase();
  const { prepaidEntries: e, prepaidAccounts } = schema;
  const existing = await db.select({ id: e.id, at: e.createdAt, amountMinor: e.amountMinor, balanceAfterMinor: e.balanceAfterMinor })
    .from(e).where(eq(e.partnerOrgId, demo.alpine)).orderBy(asc(e.createdAt), asc(e.id));
  const [account] = await db.select({ balanceMinor: prepaidAccounts.balanceMinor }).from(prepaidAccounts).where(eq(prepaidAccounts.orgId, demo.alpine));
  const existingSum = existing.reduce((s, x) => s + x.amountMinor, 0);
  let balance = (account?.balanceMinor ?? existingSum) - existingSum; // before the partner's first entry
  const rewritten: { id: string; balanceAfterMinor: number }[] = [];
  let next = 0; // the first existing entry not yet passed
  const passExisting = (until?: { at: Date; id: string }) => {
    for (; next < existing.length; next++) {
      const x = existing[next]!;
      if (until && (x.at.getTime() > until.at.getTime() || (x.at.getTime() === until.at.getTime() && x.id > until.id))) return;
      balance += x.amountMinor;
      if (balance !== x.balanceAfterMinor) rewritten.push({ id: x.id, balanceAfterMinor: balance });
    }
  };
  const rnd = random(7);
  const start = now.getTime() - SPAN;
  let previous = 0;
  let written = 0;
  await loadInBatches(total, (i) => {
    const withdrawal = i % 25 === 24;
    // Strictly increasing times: ledger order is then the order of generation.
    previous = Math.max(previous + 1, Math.floor(start + ((i + rnd()) * (SPAN - DAY)) / total));
    return {
      id: newId(), partnerOrgId: demo.alpine, kind: withdrawal ? ("withdrawal" as const) : ("cashback" as const),
      amountMinor: withdrawal ? -100 : pick([318, 598, 1_440, 3_360], rnd()), currency: "CHF" as const, orderId: null,
      customerOrgId: withdrawal ? null : pick(clients, rnd()).orgId, createdAt: new Date(previous), balanceAfterMinor: 0,
    };
  }, async (w, rows) => {
    for (const r of rows) {
      passExisting({ at: r.createdAt, id: r.id });
      balance += r.amountMinor;
      r.balanceAfterMinor = balance;
    }
    await w.insert(e, rows);
    const sum = rows.reduce((s, r) => s + r.amountMinor, 0);
    await w.db.update(prepaidAccounts).set({ balanceMinor: sql`${prepaidAccounts.balanceMinor} + ${sum}`, updatedAt: now }).where(eq(prepaidAccounts.orgId, demo.alpine));
    written += rows.length;
    if (written === total) {
      passExisting();
      await rewriteLedgerBalances(w.db, rewritten);
    }
  });
}

/**
 * Sets the balance-after of entries an imported history now precedes. The ledger is append-only
 * (migration 0001's triggers); this suspends the trigger for these updates, inside the caller's
 * transaction, so the trigger is back at commit or rollback whatever happens.
 */
async function rewriteLedgerBalances(tx: Executor, rows: { id: string; balanceAfterMinor: number }[]): Promise<void> {
  if (rows.length === 0) return;
  const { dialect, schema } = getDatabase();
  const e = schema.prepaidEntries;
  const update = async () => {
    for (const r of rows) await tx.update(e).set({ balanceAfterMinor: r.balanceAfterMinor }).where(eq(e.id, r.id));
  };
  if (dialect === "postgres") {
    await tx.execute(sql`ALTER TABLE prepaid_entries DISABLE TRIGGER prepaid_entries_append_only`);
    await update();
    await tx.execute(sql`ALTER TABLE prepaid_entries ENABLE TRIGGER prepaid_entries_append_only`);
    return;
  }
  const lite = tx as unknown as { all<T>(q: SQL): Promise<T[]>; run(q: SQL): Promise<unknown> };
  const [trigger] = await lite.all<{ sql: string }>(sql`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'prepaid_entries_no_update'`);
  if (!trigger) throw new Error("seed:large: prepaid_entries_no_update is missing: run the migrations");
  await lite.run(sql`DROP TRIGGER prepaid_entries_no_update`);
  await update();
  await lite.run(sql.raw(trigger.sql));
}

const KINDS: [AuditKind, number][] = [
  ["order.placed", 0.4], ["renewal.automatic", 0.25], ["payment_mode.changed", 0.03], ["payment_mode.refused", 0.02], ["access.changed", 0.03],
  ["access.refused", 0.02], ["order.refused", 0.05], ["partnership.invited", 0.05], ["partnership.accepted", 0.05], ["prepaid.withdrawal", 0.05], ["partnership.action_refused", 0.05],
];

/** Audit events appended after the chain's head, each hashed over the one before; the head row follows every batch. */
async function loadAudit(demo: Demo, clients: Client[], total: number, now: Date): Promise<void> {
  const { db, schema } = getDatabase();
  const { auditChain, auditEvents } = schema;
  const [head] = await db.select().from(auditChain).where(eq(auditChain.id, 1));
  if (!head) throw new Error("audit_chain has no head row: run the migrations");
  let prevHash = head.lastHash;
  const firstSeq = head.lastSeq + 1;
  const rnd = random(3);
  const start = now.getTime() - SPAN;
  await loadInBatches(total, (i) => {
    const r = rnd();
    let acc = 0;
    const kind = KINDS.find(([, p]) => (acc += p) > r)?.[0] ?? "order.placed";
    const c = pick(clients, rnd());
    const refused = kind.endsWith("refused");
    const system = kind === "renewal.automatic";
    const fromMarc = kind === "prepaid.withdrawal" || rnd() < 0.3;
    const before = kind === "payment_mode.changed" ? { paymentMode: c.mode === "partner" ? "customer" : "partner", version: 1 }
      : kind === "access.changed" ? { access: c.access === "full" ? "limited" : "full", version: 1 } : null;
    const after = kind === "payment_mode.changed" ? { paymentMode: c.mode, version: 2 }
      : kind === "access.changed" ? { access: c.access, version: 2 }
      : kind === "prepaid.withdrawal" ? { amountMinor: 2_000, currency: "CHF" } : refused ? { paymentMode: "partner" } : { amountMinor: 16_800, currency: "CHF" };
    const content = {
      id: newId(), seq: firstSeq + i, prevHash, kind, outcome: refused ? ("refused" as const) : ("ok" as const), reason: refused ? "role" : null,
      actorUserId: system ? null : fromMarc ? demo.marc : c.userId, actorOrgId: system ? null : fromMarc ? demo.alpine : c.orgId,
      partnershipId: kind === "prepaid.withdrawal" ? null : c.partnershipId, customerOrgId: kind === "prepaid.withdrawal" ? null : c.orgId, partnerOrgId: demo.alpine,
      before, after, requestId: system ? "renewals" : newId(), ip: system ? null : `192.0.2.${1 + Math.floor(rnd() * 250)}`, userAgent: system ? null : pick(AGENTS, rnd()),
      createdAt: new Date(Math.floor(start + ((i + rnd()) * (SPAN - DAY)) / total)),
    };
    const hash = auditEventHash(content);
    prevHash = hash;
    return { ...content, hash };
  }, async (w, rows) => {
    await w.insert(auditEvents, rows);
    const last = rows.at(-1)!;
    await w.db.update(auditChain).set({ lastSeq: last.seq, lastHash: last.hash }).where(eq(auditChain.id, 1));
  });
}

/** Loads the large data set on top of the demo data; returns what it inserted and how long each part took. */
export async function seedLargeData({ scale = FULL_SCALE, now = new Date(), log = () => {} }: { scale?: LargeScale; now?: Date; log?: (line: string) => void } = {}): Promise<LargeReport> {
  const database = getDatabase();
  const demo = await demoIds();
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    seconds[name] = (performance.now() - t0) / 1000;
    log(`${name}: ${seconds[name]!.toFixed(1)} s`);
    return out;
  };
  const clients = await timed("organizations, users, partnerships, products", () => loadClients(demo, scale.clients, now));
  const payers = clients.filter((c) => c.access === "full" && c.mode === "partner");
  await timed("invoices to Helvetia Bakery SA", () => loadInvoices(demo.helvetia, scale.invoices, () => demo.helvetia, 42, now));
  await timed("invoices to Alpine Web Studio", () => loadInvoices(demo.alpine, scale.partnerInvoices, (r) => pick(payers.length ? payers : clients, r).orgId, 43, now));
  await timed("prepaid entries", () => loadPrepaid(demo, clients, scale.prepaid, now));
  await timed("audit events", () => loadAudit(demo, clients, scale.audit, now));
  // PostgreSQL's autovacuum would vacuum (visibility map: index-only scans) and analyze tables this size on its own; do it now.
  if (database.dialect === "postgres") await timed("vacuum analyze", () => database.db.execute(sql`VACUUM (ANALYZE)`));
  return {
    counts: { clients: scale.clients, users: scale.clients, invoices: scale.invoices + scale.partnerInvoices, invoiceLines: scale.invoices + scale.partnerInvoices, prepaidEntries: scale.prepaid, auditEvents: scale.audit },
    seconds,
  };
}
