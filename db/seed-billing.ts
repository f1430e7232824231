// Two years of demo billing history, replayed through the real billing path (placeOrderInTx), so every
// seeded order, invoice and prepaid entry follows the who-pays rules as they stood on its date.
import "server-only";
import { and, eq, inArray, lt } from "drizzle-orm";
import { findOffer } from "@/lib/catalogue";
import { addYears } from "@/lib/billing/period";
import type { PartnershipStatus } from "@/lib/domain";
import type { RequestMeta } from "./audit";
import { getDatabase, type Tx } from "./client";
import { placeOrderInTx, type OrderActor } from "./orders";
import { withdrawInTx } from "./prepaid";

const DAY = 86_400_000;
const META: RequestMeta = { requestId: "demo-seed", ip: null, userAgent: "demo-seed" };
const at = (isoDate: string) => new Date(`${isoDate}T08:00:00Z`);

type Event = { at: Date; run: () => Promise<void> };

/**
 * Expects the seed's organizations, users, partnerships (in their final state) and products (unbilled,
 * renewal date = creation date). Rewinds the partnerships to before they began, then replays in date
 * order: partnerships starting and ending, each product's first year and its renewal, a few orders
 * partners placed recently, a withdrawal; and marks invoices older than a month as paid.
 */
export async function seedBillingHistory(tx: Tx, now: Date): Promise<void> {
  const { schema } = getDatabase();
  const { partnerships, products, memberships, invoices } = schema;
  const all = await tx.select().from(partnerships);
  const reps = await tx.select({ userId: memberships.userId, orgId: memberships.orgId }).from(memberships).where(eq(memberships.role, "legal_representative"));
  const rep = (orgId: string) => reps.find((r) => r.orgId === orgId)!.userId;
  const live = all.filter((p) => p.activatedAt && (p.status === "active" || p.status === "ended"));
  if (live.length > 0) await tx.update(partnerships).set({ status: "pending" }).where(inArray(partnerships.id, live.map((p) => p.id)));

  const setStatus = (id: string, status: PartnershipStatus) => async () => { await tx.update(partnerships).set({ status }).where(eq(partnerships.id, id)); };
  const events: Event[] = live.flatMap((p) => [
    { at: p.activatedAt!, run: setStatus(p.id, "active") },
    ...(p.status === "ended" && p.endedAt ? [{ at: p.endedAt, run: setStatus(p.id, "ended") }] : []),
  ]);
  const activeFullPartner = async (customerOrgId: string) => {
    const [p] = await tx.select({ partnerOrgId: partnerships.partnerOrgId }).from(partnerships)
      .where(and(eq(partnerships.customerOrgId, customerOrgId), eq(partnerships.status, "active"), eq(partnerships.access, "full")));
    return p?.partnerOrgId ?? null;
  };
  const place = async (request: Parameters<typeof placeOrderInTx>[1]["request"], actor: OrderActor, when: Date) => {
    const outcome = await placeOrderInTx(tx, { request, actor, meta: META, at: when });
    if (outcome.kind !== "placed") throw new Error(`demo seed: order refused (${outcome.reason})`);
    return outcome;
  };

  const seeded = await tx.select().from(products);
  seeded.forEach((product, n) => {
    const firstDay = product.renewalDate;
    events.push({ at: at(firstDay), run: async () => {
      // Some first years were ordered by the full-access partner of the day, the others by the customer.
      const partner = n % 3 === 1 ? await activeFullPartner(product.orgId) : null;
      const actor: OrderActor = partner ? { kind: "user", userId: rep(partner), orgId: partner, side: "partner" } : { kind: "user", userId: rep(product.orgId), orgId: product.orgId, side: "customer" };
      await place({ kind: "renewal", productId: product.id, expectedRenewalDate: firstDay, firstPeriod: true }, actor, at(firstDay));
    } });
    const second = addYears(firstDay);
    if (at(second) <= now) events.push({ at: at(second), run: async () => {
      // Most renewals are automatic; some were placed early by hand, by the partner or the customer.
      const partner = n % 4 === 2 ? await activeFullPartner(product.orgId) : null;
      const actor: OrderActor = partner ? { kind: "user", userId: rep(partner), orgId: partner, side: "partner" }
        : n % 4 === 3 ? { kind: "user", userId: rep(product.orgId), orgId: product.orgId, side: "customer" } : { kind: "system" };
      await place({ kind: "renewal", productId: product.id, expectedRenewalDate: second }, actor, at(second));
    } });
  });

  // Recent orders of new products placed by partners for their full-access clients, both payment modes.
  for (const [k, p] of all.filter((x) => x.status === "active" && x.access === "full").entries()) {
    const offer = findOffer(k % 2 === 0 ? "domain-com" : "mail-service")!;
    const when = new Date(now.getTime() - (12 + 9 * k) * DAY);
    events.push({ at: when, run: async () => {
      const [customer] = await tx.select({ name: schema.organizations.name }).from(schema.organizations).where(eq(schema.organizations.id, p.customerOrgId));
      const label = `${offer.name} — ${customer!.name.split(" ")[0]!.toLowerCase()}${offer.category === "Domain" ? "-shop.com" : " team"}`;
      await place({ kind: "new", customerOrgId: p.customerOrgId, offer, label }, { kind: "user", userId: rep(p.partnerOrgId), orgId: p.partnerOrgId, side: "partner" }, when);
    } });
  }

  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const e of events) await e.run();

  // One partner paid part of its cashback out.
  const alpine = all.find((p) => p.status === "active" && p.access === "full" && p.paymentMode === "customer");
  if (alpine) {
    await withdrawInTx(tx, {
      partnerOrgId: alpine.partnerOrgId, amountMinor: 2_000, actor: { userId: rep(alpine.partnerOrgId), orgId: alpine.partnerOrgId },
      meta: META, at: new Date(now.getTime() - 5 * DAY),
    });
  }

  // Invoices older than a month were paid ten days after issue (the one change an invoice accepts).
  const old = await tx.select({ id: invoices.id, issuedAt: invoices.issuedAt }).from(invoices).where(lt(invoices.issuedAt, new Date(now.getTime() - 30 * DAY)));
  for (const inv of old) {
    await tx.update(invoices).set({ status: "paid", paidAt: new Date(inv.issuedAt.getTime() + 10 * DAY), paymentMethod: "bank_transfer" }).where(eq(invoices.id, inv.id));
  }
}
