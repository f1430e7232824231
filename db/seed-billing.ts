// Two years of demo billing history, replayed through the real billing path (placeOrderInTx), so every
// seeded order, invoice and prepaid entry follows the who-pays rules as they stood on its date.
import "server-only";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { findOffer } from "@/lib/catalogue";
import { addYears } from "@/lib/billing/period";
import type { PartnershipStatus } from "@/lib/domain";
import type { RequestMeta } from "./audit";
import { getDatabase, type Tx } from "./client";
import { placeOrderInTx, type OrderActor } from "./orders";
import { markWithdrawalPaid, withdrawInTx } from "./prepaid";

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
/**
 * Fictitious billing addresses (printed on invoices and as the QR-bill's debtor) and the partners' payout
 * accounts (example IBANs with valid check digits). Jura Hosting Partners has none yet: its legal
 * representative sees the organization page ask for them.
 */
const BILLING: Record<string, { street: string; postalCode: string; city: string; country: string; payoutIban?: string }> = {
  "Helvetia Bakery SA": { street: "Rue de Bourg 15", postalCode: "1003", city: "Lausanne", country: "CH" },
  "Alpine Web Studio": { street: "Bahnhofstrasse 42", postalCode: "8001", city: "Zürich", country: "CH", payoutIban: "CH9300762011623852957" },
  "Lakeside IT": { street: "Via Nassa 8", postalCode: "6900", city: "Lugano", country: "CH", payoutIban: "CH0300700110000123456" },
  "Léman Digital Sàrl": { street: "Quai du Mont-Blanc 5", postalCode: "1201", city: "Genève", country: "CH", payoutIban: "CH8508390036912345678" },
  "Isar Webagentur GmbH": { street: "Leopoldstrasse 20", postalCode: "80802", city: "München", country: "DE" },
  "Matterhorn Sports AG": { street: "Bahnhofplatz 1", postalCode: "3920", city: "Zermatt", country: "CH" },
  "Ticino Vini SA": { street: "Via Cantonale 21", postalCode: "6500", city: "Bellinzona", country: "CH" },
  "Zürich Legal Partners": { street: "Löwenstrasse 10", postalCode: "8001", city: "Zürich", country: "CH" },
  "Bern Architects GmbH": { street: "Kramgasse 50", postalCode: "3011", city: "Bern", country: "CH" },
  "Boulangerie Lyonnaise SARL": { street: "Rue de la République 8", postalCode: "69002", city: "Lyon", country: "FR" },
  "Brauhaus München KG": { street: "Tal 12", postalCode: "80331", city: "München", country: "DE" },
  "Basel Pharma Consulting AG": { street: "Aeschenvorstadt 4", postalCode: "4051", city: "Basel", country: "CH" },
};

export async function seedBillingHistory(tx: Tx, now: Date): Promise<void> {
  const { schema } = getDatabase();
  const { partnerships, products, memberships, invoices, organizations } = schema;
  for (const [name, b] of Object.entries(BILLING)) {
    await tx.update(organizations).set({
      billingStreet: b.street, billingPostalCode: b.postalCode, billingCity: b.city, billingCountry: b.country, payoutIban: b.payoutIban ?? null,
    }).where(eq(organizations.name, name));
  }
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
    // The demo's history is replayed, not happening now: no invoice emails for it.
    const outcome = await placeOrderInTx(tx, { request, actor, meta: META, at: when, notify: false });
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
    const w = await withdrawInTx(tx, {
      partnerOrgId: alpine.partnerOrgId, amountMinor: 2_000, actor: { userId: rep(alpine.partnerOrgId), orgId: alpine.partnerOrgId },
      meta: META, at: new Date(now.getTime() - 5 * DAY),
    });
    // …and the bank paid it out two days later (what a camt.054 debit notification records).
    if (w.kind === "withdrawn") await markWithdrawalPaid(tx, { reference: w.reference, amountMinor: 2_000, paidAt: new Date(now.getTime() - 3 * DAY), meta: META });
  }

  // Invoices older than a month were paid ten days after issue (the one change an invoice accepts), but
  // for one of Helvetia's, about three months old and still unpaid: overdue, past the reminders' window.
  const old = await tx.select({ id: invoices.id, orgId: invoices.orgId, issuedAt: invoices.issuedAt }).from(invoices)
    .where(lt(invoices.issuedAt, new Date(now.getTime() - 30 * DAY))).orderBy(desc(invoices.issuedAt));
  const [helvetia] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, "Helvetia Bakery SA"));
  const overdue = old.find((i) => i.orgId === helvetia?.id && i.issuedAt < new Date(now.getTime() - 95 * DAY));
  for (const inv of old) {
    if (inv.id === overdue?.id) continue;
    await tx.update(invoices).set({ status: "paid", paidAt: new Date(inv.issuedAt.getTime() + 10 * DAY), paymentMethod: "bank_transfer" }).where(eq(invoices.id, inv.id));
  }
}
