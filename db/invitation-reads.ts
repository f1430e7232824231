// Reads around invitations: the partner search, the invitation behind a link, the latest links, the pending list.
import "server-only";
import { aliasedTable, and, asc, desc, eq, inArray, ne, or } from "drizzle-orm";
import { isWellFormedId } from "@/lib/ids";
import { getDatabase } from "./client";
import { containsText, newerThan } from "./keyset";

const LIVE = ["pending", "active"] as const;

/**
 * Enrolled partners matching a fragment of their name or the exact email of one of their members
 * (exact, so the search cannot be used to discover who has an account), with any live partnership
 * they already have with this customer, and whether they bill in the customer's currency: a
 * partnership is between organizations of one currency (docs/decisions.md).
 */
export async function searchPartnerOrganizations({ customerOrgId, query, id }: { customerOrgId: string; query?: string; id?: string }) {
  const { db, schema } = getDatabase();
  const { organizations: o, memberships: m, users: u, partnerships: p } = schema;
  const customer = aliasedTable(o, "customer");
  const q = (query ?? "").trim().toLowerCase();
  if (!id && !q) return [];
  // Text holding a NUL byte names nothing, and PostgreSQL would refuse the query (a 500).
  if (id ? !isWellFormedId(id) : q.includes("\0")) return [];
  const byEmail = db.select({ orgId: m.orgId }).from(m).innerJoin(u, eq(u.id, m.userId)).where(eq(u.email, q));
  const rows = await db
    .select({ id: o.id, name: o.name, currency: o.currency, customerCurrency: customer.currency, livePartnershipId: p.id, liveStatus: p.status })
    .from(o)
    .innerJoin(customer, eq(customer.id, customerOrgId))
    .leftJoin(p, and(eq(p.partnerOrgId, o.id), eq(p.customerOrgId, customerOrgId), inArray(p.status, [...LIVE])))
    .where(and(
      eq(o.isPartner, true), ne(o.id, customerOrgId),
      id ? eq(o.id, id) : or(containsText(o.name, q), inArray(o.id, byEmail)),
    ))
    .orderBy(asc(o.name), asc(o.id))
    .limit(20);
  return rows.map(({ customerCurrency, ...row }) => ({ ...row, sameCurrency: row.currency === customerCurrency }));
}

export async function getPartnerOrganization({ id, customerOrgId }: { id: string; customerOrgId: string }) {
  const [row] = await searchPartnerOrganizations({ customerOrgId, id });
  return row ?? null;
}

/** The invitation a link points at, with its partnership and both names; null for an unknown link. */
export async function findInvitationByToken({ tokenHash }: { tokenHash: string }) {
  const { db, schema } = getDatabase();
  const { invitations: i, partnerships: p } = schema;
  const customer = aliasedTable(schema.organizations, "customer");
  const partner = aliasedTable(schema.organizations, "partner");
  const [row] = await db
    .select({
      invitationId: i.id, expiresAt: i.expiresAt, usedAt: i.usedAt, revokedAt: i.revokedAt, sentAt: i.createdAt,
      id: p.id, customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId, status: p.status, access: p.access,
      paymentMode: p.paymentMode, version: p.version, customerName: customer.name, partnerName: partner.name,
    })
    .from(i).innerJoin(p, eq(p.id, i.partnershipId))
    .innerJoin(customer, eq(customer.id, p.customerOrgId)).innerJoin(partner, eq(partner.id, p.partnerOrgId))
    .where(eq(i.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

export type LatestInvitation = { sentAt: Date; expiresAt: Date; usedAt: Date | null; revokedAt: Date | null };

/** The most recent link of each partnership, in one query. */
export async function latestInvitations({ partnershipIds }: { partnershipIds: string[] }): Promise<Map<string, LatestInvitation>> {
  const out = new Map<string, LatestInvitation>();
  if (partnershipIds.length === 0) return out;
  const { db, schema } = getDatabase();
  const i = schema.invitations;
  const rows = await db.select({ partnershipId: i.partnershipId, sentAt: i.createdAt, expiresAt: i.expiresAt, usedAt: i.usedAt, revokedAt: i.revokedAt })
    .from(i).where(inArray(i.partnershipId, partnershipIds)).orderBy(desc(i.createdAt), desc(i.id));
  for (const { partnershipId, ...inv } of rows) if (!out.has(partnershipId)) out.set(partnershipId, inv);
  return out;
}

export type PendingCursor = { at: Date; id: string };

/**
 * The invitations waiting for the partner's answer, oldest first, one keyset page at a time
 * (partnerships_partner_idx): a partner with hundreds of them gets a page, not every answer form.
 */
export async function listPendingInvitations({ partnerOrgId, after, limit = 20 }: { partnerOrgId: string; after?: PendingCursor | null; limit?: number }) {
  const { db, schema } = getDatabase();
  const { partnerships: p, organizations } = schema;
  const rows = await db
    .select({ id: p.id, version: p.version, access: p.access, paymentMode: p.paymentMode, createdAt: p.createdAt, customerName: organizations.name })
    .from(p).innerJoin(organizations, eq(organizations.id, p.customerOrgId))
    .where(and(eq(p.partnerOrgId, partnerOrgId), eq(p.status, "pending"), after ? newerThan(p.createdAt, p.id, after) : undefined))
    .orderBy(asc(p.createdAt), asc(p.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}
