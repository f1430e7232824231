// What `npm run bench` requests on a large data set: every list and detail page as the user who may see
// it, and deep pages whose keyset cursor is found once with OFFSET (a bench-only query, never a page's).
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { encodeClientCursor } from "@/db/lifecycle";
import { encodeCursor as auditCursor } from "@/lib/validation/audit-filters";
import { encodeCursor as listCursor } from "@/lib/pagination";

export type Who = "claire" | "marc" | "nora";
export const USERS: Record<Who, string> = { claire: "claire@helvetia-bakery.test", marc: "marc@alpine-web.test", nora: "nora@manager.test" };

/** `path:who` pairs from an environment variable (who: a key of USERS, or "-" for a page without sign-in). */
export function pagesFromEnv(variable: string, fallback: string): { page: string; who: Who | "-" }[] {
  return (process.env[variable] ?? fallback).split(",").map((pair) => {
    const [page, who] = pair.split(":");
    if (!page || !(who === "-" || who! in USERS)) throw new Error(`${variable}: "${pair}" is not path:who (who: ${Object.keys(USERS).join(", ")} or -)`);
    return { page, who: who as Who | "-" };
  });
}

export type Target = { label: string; who: Who; path: string; expect: string; deepOf?: string };
export type ExportTarget = { label: string; who: Who; path: string };

async function orgId(name: string): Promise<string> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ id: schema.organizations.id }).from(schema.organizations).where(eq(schema.organizations.name, name));
  if (!row) throw new Error(`bench: no organization ${name}: load the data with npm run seed:large`);
  return row.id;
}

/** The row at 0-based `index` of a newest-first list, as the cursor of the page that follows it. */
async function rowAt<T>(query: { offset(n: number): PromiseLike<T[]> }, index: number): Promise<T> {
  const [row] = await query.offset(index);
  if (!row) throw new Error(`bench: no row at ${index}`);
  return row;
}

export async function findTargets(): Promise<{ pages: Target[]; exports: ExportTarget[] }> {
  const { db, schema } = getDatabase();
  const { invoices: i, prepaidEntries: e, partnerships: p, auditEvents: a } = schema;
  const [helvetia, alpine] = await Promise.all([orgId("Helvetia Bakery SA"), orgId("Alpine Web Studio")]);
  const [partnership] = await db.select({ id: p.id }).from(p).where(and(eq(p.customerOrgId, helvetia), eq(p.partnerOrgId, alpine), eq(p.status, "active")));
  const [invoice] = await db.select({ id: i.id }).from(i).where(eq(i.orgId, helvetia)).orderBy(desc(i.issuedAt), desc(i.id)).limit(1);
  const [client] = await db.select({ id: p.id }).from(p).where(and(eq(p.partnerOrgId, alpine), eq(p.status, "active"))).orderBy(desc(p.createdAt), desc(p.id)).limit(1);
  if (!partnership || !invoice || !client) throw new Error("bench: the demo partnership, an invoice or a client is missing");

  const deepInvoice = await rowAt(db.select({ at: i.issuedAt, id: i.id }).from(i).where(eq(i.orgId, helvetia)).orderBy(desc(i.issuedAt), desc(i.id)).limit(1), 500_000);
  // A client of the ledger's filter (the client of the entry at row 250,000): about a hundred of the 500,000 entries.
  const [ledgerClient] = await db.select({ id: e.customerOrgId }).from(e).where(and(eq(e.partnerOrgId, alpine), isNotNull(e.customerOrgId))).orderBy(desc(e.createdAt), desc(e.id)).offset(250_000).limit(1);
  if (!ledgerClient?.id) throw new Error("bench: no ledger entry with a client");
  const deepEntry = await rowAt(db.select({ at: e.createdAt, id: e.id }).from(e).where(eq(e.partnerOrgId, alpine)).orderBy(desc(e.createdAt), desc(e.id)).limit(1), 250_000);
  const deepClient = await rowAt(db.select({ createdAt: p.createdAt, id: p.id }).from(p).where(and(eq(p.partnerOrgId, alpine), eq(p.status, "active"))).orderBy(desc(p.createdAt), desc(p.id)).limit(1), 2_500);
  const deepEvent = await rowAt(db.select({ at: a.createdAt, id: a.id }).from(a).orderBy(desc(a.createdAt), desc(a.id)).limit(1), 500_000);
  const deepPartnership = await rowAt(db.select({ at: p.createdAt, id: p.id }).from(p).orderBy(desc(p.createdAt), desc(p.id)).limit(1), 2_500);

  // `expect`: a text the page shows in its user's own language (Claire works in French, Marc in German).
  const pages: Target[] = [
    { label: "/partners", who: "claire", path: "/partners", expect: "Alpine Web Studio" },
    { label: "/partners/[id]", who: "claire", path: `/partners/${partnership.id}`, expect: "Modifier le mode de paiement" },
    { label: "/invoices (Helvetia, 1M)", who: "claire", path: "/invoices", expect: "Factures adressées à" },
    { label: "/invoices, row 500,000", who: "claire", path: `/invoices?after=${listCursor(deepInvoice)}`, expect: "Première page", deepOf: "/invoices (Helvetia, 1M)" },
    { label: "/invoices?status=unpaid", who: "claire", path: "/invoices?status=unpaid", expect: "Factures adressées à" },
    { label: "/invoices/[id]", who: "claire", path: `/invoices/${invoice.id}`, expect: "Télécharger le PDF" },
    { label: "/products (Helvetia)", who: "claire", path: "/products", expect: "Produits" },
    { label: "/clients (Alpine, 5,000)", who: "marc", path: "/clients", expect: "Aktive Kunden" },
    { label: "/clients, row 2,500", who: "marc", path: `/clients?after=${encodeClientCursor(deepClient)}`, expect: "Erste Seite", deepOf: "/clients (Alpine, 5,000)" },
    { label: "/clients/[id]", who: "marc", path: `/clients/${client.id}`, expect: "Zugriff" },
    { label: "/products (Alpine's clients)", who: "marc", path: "/products", expect: "Produkte" },
    { label: "/prepaid (500k entries)", who: "marc", path: "/prepaid", expect: "Guthaben" },
    { label: "/prepaid, row 250,000", who: "marc", path: `/prepaid?after=${listCursor(deepEntry)}`, expect: "Erste Seite", deepOf: "/prepaid (500k entries)" },
    { label: "/prepaid?client= (one client)", who: "marc", path: `/prepaid?client=${ledgerClient.id}`, expect: "Guthaben" },
    { label: "/invoices (Alpine, 50k)", who: "marc", path: "/invoices", expect: "Rechnungen an" },
    { label: "/audit", who: "nora", path: "/audit", expect: "Partnerships" },
    { label: "/audit, row 2,500", who: "nora", path: `/audit?after=${auditCursor(deepPartnership)}`, expect: "First page", deepOf: "/audit" },
    { label: "/audit/events (1M)", who: "nora", path: "/audit/events", expect: "Audit events" },
    { label: "/audit/events, row 500,000", who: "nora", path: `/audit/events?after=${auditCursor(deepEvent)}`, expect: "First page", deepOf: "/audit/events (1M)" },
    { label: "/audit/events?org=Alpine", who: "nora", path: `/audit/events?org=${alpine}`, expect: "Audit events" },
    { label: "/audit/notifications", who: "nora", path: "/audit/notifications", expect: "Notifications" },
    { label: "/audit/partnerships/[id]", who: "nora", path: `/audit/partnerships/${partnership.id}`, expect: "Timeline" },
  ];
  const exports: ExportTarget[] = [
    { label: "invoices (Helvetia)", who: "claire", path: "/invoices/export.csv" },
    { label: "prepaid ledger (Alpine)", who: "marc", path: "/prepaid/export.csv" },
    { label: "clients (Alpine)", who: "marc", path: "/clients/export" },
    { label: "audit partnerships", who: "nora", path: "/audit/export" },
    { label: "audit events", who: "nora", path: "/audit/events/export" },
  ];
  return { pages, exports };
}
