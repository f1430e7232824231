// Demo data of PRODUCT.md. Run by `npm run db:seed` and by `npm start` on an empty database; never over HTTP.
import "server-only";
import { count } from "drizzle-orm";
import { CATALOGUE } from "@/lib/catalogue";
import type { AccessLevel, Currency, PartnershipStatus, PaymentMode, Role } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/locales";
import { newId } from "@/lib/ids";
import { hashInvitationToken, newInvitationToken } from "@/lib/invitation-token";
import { INVITATION_TTL_MS } from "@/lib/lifecycle";
import { hashPassword } from "@/lib/password";
import { addYears } from "@/lib/billing/period";
import { getDatabase } from "./client";
import { seedBillingHistory } from "./seed-billing";

export const DEMO_PASSWORD = "manager-demo";

type OrgSpec = { key: string; name: string; currency: Currency; country: string; vatRateBp?: number; resellerRateBp?: number };
type UserSpec = { name: string; email: string; memberships: [string, Role][]; isAuditor?: boolean; locale: Locale };
type PartnershipSpec = {
  customer: string; partner: string; status: PartnershipStatus; access: AccessLevel; paymentMode: PaymentMode;
  sinceDaysAgo: number; managed?: string[];
};

const ORGS: OrgSpec[] = [
  { key: "helvetia", name: "Helvetia Bakery SA", currency: "CHF", country: "CH" },
  { key: "alpine", name: "Alpine Web Studio", currency: "CHF", country: "CH", resellerRateBp: 2000 },
  { key: "lakeside", name: "Lakeside IT", currency: "CHF", country: "CH", resellerRateBp: 1500 },
  { key: "jura", name: "Jura Hosting Partners", currency: "CHF", country: "CH", resellerRateBp: 1000 },
  { key: "geneva", name: "Léman Digital Sàrl", currency: "CHF", country: "CH", resellerRateBp: 1200 },
  { key: "bavaria", name: "Isar Webagentur GmbH", currency: "EUR", country: "DE", vatRateBp: 1900, resellerRateBp: 1800 },
  { key: "matterhorn", name: "Matterhorn Sports AG", currency: "CHF", country: "CH" },
  { key: "ticino", name: "Ticino Vini SA", currency: "CHF", country: "CH" },
  { key: "zurich", name: "Zürich Legal Partners", currency: "CHF", country: "CH" },
  { key: "bern", name: "Bern Architects GmbH", currency: "CHF", country: "CH" },
  { key: "lyon", name: "Boulangerie Lyonnaise SARL", currency: "EUR", country: "FR", vatRateBp: 2000 },
  { key: "munich", name: "Brauhaus München KG", currency: "EUR", country: "DE", vatRateBp: 1900 },
  { key: "basel", name: "Basel Pharma Consulting AG", currency: "CHF", country: "CH" },
];

const USERS: UserSpec[] = [
  { name: "Claire Dubois", email: "claire@helvetia-bakery.test", memberships: [["helvetia", "legal_representative"]], locale: "fr-CH" },
  { name: "Luca Bernasconi", email: "luca@helvetia-bakery.test", memberships: [["helvetia", "collaborator"]], locale: "fr-CH" },
  { name: "Hanna Meier", email: "hanna@helvetia-bakery.test", memberships: [["helvetia", "administrator"], ["ticino", "collaborator"]], locale: "fr-CH" },
  { name: "Marc Keller", email: "marc@alpine-web.test", memberships: [["alpine", "legal_representative"]], locale: "de-CH" },
  { name: "Elena Brunner", email: "elena@alpine-web.test", memberships: [["alpine", "administrator"]], locale: "de-CH" },
  { name: "Sofia Rossi", email: "sofia@lakeside-it.test", memberships: [["lakeside", "legal_representative"]], locale: "it-CH" },
  { name: "Ines Favre", email: "ines@jura-hosting.test", memberships: [["jura", "legal_representative"]], locale: "en" },
  { name: "Nora Weber", email: "nora@manager.test", memberships: [], isAuditor: true, locale: "en" },
  { name: "Julien Perret", email: "julien@leman-digital.test", memberships: [["geneva", "legal_representative"]], locale: "fr-CH" },
  { name: "Jonas Huber", email: "jonas@isar-web.test", memberships: [["bavaria", "legal_representative"]], locale: "de-CH" },
  { name: "Paolo Conti", email: "paolo@ticino-vini.test", memberships: [["ticino", "legal_representative"]], locale: "it-CH" },
  { name: "Anna Schmid", email: "anna@zurich-legal.test", memberships: [["zurich", "legal_representative"]], locale: "de-CH" },
  { name: "Lukas Frei", email: "lukas@bern-architects.test", memberships: [["bern", "legal_representative"]], locale: "de-CH" },
  { name: "Camille Martin", email: "camille@boulangerie-lyon.test", memberships: [["lyon", "legal_representative"]], locale: "fr-CH" },
  { name: "Max Bauer", email: "max@brauhaus-muenchen.test", memberships: [["munich", "legal_representative"]], locale: "de-CH" },
  { name: "Sarah Vogel", email: "sarah@basel-pharma.test", memberships: [["basel", "legal_representative"]], locale: "de-CH" },
  { name: "Reto Imhof", email: "reto@matterhorn-sports.test", memberships: [["matterhorn", "legal_representative"]], locale: "de-CH" },
];

const PARTNERSHIPS: PartnershipSpec[] = [
  { customer: "helvetia", partner: "alpine", status: "active", access: "full", paymentMode: "customer", sinceDaysAgo: 610 },
  { customer: "helvetia", partner: "lakeside", status: "active", access: "limited", paymentMode: "customer", sinceDaysAgo: 240, managed: ["web-hosting-pro", "domain-ch"] },
  { customer: "helvetia", partner: "geneva", status: "ended", access: "full", paymentMode: "partner", sinceDaysAgo: 700 },
  { customer: "matterhorn", partner: "alpine", status: "active", access: "full", paymentMode: "partner", sinceDaysAgo: 400 },
  { customer: "ticino", partner: "alpine", status: "active", access: "limited", paymentMode: "customer", sinceDaysAgo: 150, managed: ["domain-ch"] },
  { customer: "zurich", partner: "alpine", status: "pending", access: "full", paymentMode: "customer", sinceDaysAgo: 3 },
  { customer: "bern", partner: "lakeside", status: "active", access: "full", paymentMode: "partner", sinceDaysAgo: 330 },
  { customer: "basel", partner: "lakeside", status: "active", access: "full", paymentMode: "customer", sinceDaysAgo: 90 },
  { customer: "lyon", partner: "bavaria", status: "active", access: "full", paymentMode: "customer", sinceDaysAgo: 500 },
  { customer: "munich", partner: "bavaria", status: "active", access: "full", paymentMode: "partner", sinceDaysAgo: 260 },
  { customer: "basel", partner: "geneva", status: "refused", access: "limited", paymentMode: "customer", sinceDaysAgo: 60 },
];

const DAY = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export async function isDatabaseEmpty(): Promise<boolean> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ n: count() }).from(schema.organizations);
  return (row?.n ?? 0) === 0;
}

export async function seedDemoData(now = new Date()): Promise<void> {
  const database = getDatabase();
  const { schema } = database;
  const orgIds = new Map(ORGS.map((o) => [o.key, newId()]));
  const id = (key: string) => orgIds.get(key)!;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await database.transaction(async (tx) => {
    await tx.insert(schema.organizations).values(ORGS.map((o) => ({
      id: id(o.key), name: o.name, currency: o.currency, country: o.country, vatRateBp: o.vatRateBp ?? null,
      isPartner: o.resellerRateBp !== undefined, resellerRateBp: o.resellerRateBp ?? null,
      createdAt: new Date(now.getTime() - 900 * DAY),
    })));

    const users = USERS.map((u) => ({ ...u, id: newId() }));
    await tx.insert(schema.users).values(users.map((u) => ({
      id: u.id, email: u.email, name: u.name, passwordHash, isAuditor: u.isAuditor ?? false,
      // The demo people's languages are their own choice, so the first request keeps them.
      locale: u.locale, localeChosen: true,
      createdAt: new Date(now.getTime() - 800 * DAY),
    })));
    await tx.insert(schema.memberships).values(users.flatMap((u) => u.memberships.map(([org, role]) => ({
      userId: u.id, orgId: id(org), role, createdAt: new Date(now.getTime() - 800 * DAY),
    }))));

    // Every customer holds a few products of the catalogue, in its own currency, taken out one or two
    // years ago: inserted unbilled (renewal date = first day), then billed by seedBillingHistory.
    const products = ORGS.filter((o) => o.resellerRateBp === undefined).flatMap((o, i) =>
      CATALOGUE.filter((_, j) => (i + j) % 4 !== 3).map((offer, j) => {
        const firstDay = addYears(isoDate(new Date(now.getTime() + (30 + 47 * j + 13 * i) * DAY)), -2);
        return {
          id: newId(), orgId: id(o.key), offer: offer.code, category: offer.category,
          label: `${offer.name} — ${o.name.split(" ")[0]!.toLowerCase()}${offer.category === "Domain" ? (offer.code === "domain-ch" ? ".ch" : ".com") : ""}`,
          priceMinor: offer.prices[o.currency], currency: o.currency,
          renewalDate: firstDay, status: "active" as const, createdAt: new Date(`${firstDay}T08:00:00Z`),
        };
      }));
    await tx.insert(schema.products).values(products);

    for (const spec of PARTNERSHIPS) {
      const since = new Date(now.getTime() - spec.sinceDaysAgo * DAY);
      const partnershipId = newId();
      await tx.insert(schema.partnerships).values({
        id: partnershipId, customerOrgId: id(spec.customer), partnerOrgId: id(spec.partner), status: spec.status,
        access: spec.access, paymentMode: spec.access === "full" ? spec.paymentMode : "customer", version: 1,
        createdAt: since, updatedAt: since, activatedAt: spec.status === "pending" || spec.status === "refused" ? null : since,
        endedAt: spec.status === "ended" ? new Date(now.getTime() - 200 * DAY) : null,
      });
      // A pending partnership has its emailed link; the demo throws the token away (the partner answers from Clients).
      if (spec.status === "pending") {
        await tx.insert(schema.invitations).values({
          id: newId(), partnershipId, tokenHash: hashInvitationToken(newInvitationToken()),
          expiresAt: new Date(since.getTime() + INVITATION_TTL_MS), createdAt: since,
        });
      }
      const managed = products.filter((p) => p.orgId === id(spec.customer) && spec.managed?.includes(p.offer));
      if (managed.length > 0) {
        await tx.insert(schema.partnershipProducts).values(managed.map((p) => ({ partnershipId, productId: p.id })));
      }
    }

    await seedBillingHistory(tx, now);
  });
}
