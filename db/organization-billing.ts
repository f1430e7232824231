// An organization's billing details: its billing address and (partners) the account withdrawals are paid
// out to. Changing them affects invoices issued afterwards only: an issued invoice keeps the buyer it
// was issued with (db/orders.ts freezes it onto the invoice).
import "server-only";
import { eq } from "drizzle-orm";
import type { BillingDetails } from "@/lib/validation/organization";
import { insertAuditEvent, type RequestMeta } from "./audit";
import { getDatabase } from "./client";

export async function getBillingDetails({ orgId }: { orgId: string }) {
  const { db, schema } = getDatabase();
  const o = schema.organizations;
  const [row] = await db.select({
    name: o.name, isPartner: o.isPartner, country: o.country,
    street: o.billingStreet, postalCode: o.billingPostalCode, city: o.billingCity, billingCountry: o.billingCountry, iban: o.payoutIban,
  }).from(o).where(eq(o.id, orgId));
  return row ?? null;
}

/**
 * Saves the details and audits the change (before → after), in one transaction; "unchanged" writes
 * nothing. A customer organization has no payout account: its IBAN is ignored.
 */
export async function updateBillingDetails({ orgId, details, actor, meta }: { orgId: string; details: BillingDetails; actor: { userId: string; orgId: string }; meta: RequestMeta }): Promise<"saved" | "unchanged" | "not_found"> {
  return getDatabase().transaction(async (tx) => {
    const o = getDatabase().schema.organizations;
    const [before] = await tx.select({
      isPartner: o.isPartner, street: o.billingStreet, postalCode: o.billingPostalCode, city: o.billingCity, country: o.billingCountry, iban: o.payoutIban,
    }).from(o).where(eq(o.id, orgId));
    if (!before) return "not_found";
    const after = { street: details.street, postalCode: details.postalCode, city: details.city, country: details.country, iban: before.isPartner ? details.iban : before.iban };
    const was = { street: before.street, postalCode: before.postalCode, city: before.city, country: before.country, iban: before.iban };
    if (JSON.stringify(was) === JSON.stringify(after)) return "unchanged";
    await tx.update(o).set({
      billingStreet: after.street, billingPostalCode: after.postalCode, billingCity: after.city, billingCountry: after.country, payoutIban: after.iban,
    }).where(eq(o.id, orgId));
    await insertAuditEvent(tx, {
      kind: "organization.billing_changed", outcome: "ok", actorUserId: actor.userId, actorOrgId: actor.orgId,
      customerOrgId: before.isPartner ? null : orgId, partnerOrgId: before.isPartner ? orgId : null,
      before: was, after, meta,
    });
    return "saved";
  });
}
