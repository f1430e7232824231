// The sidebar of each demo user (PRODUCT.md's role table and demo data).
import { describe, expect, it } from "vitest";
import type { UserMembership } from "@/db/users";
import { translator } from "./i18n/translator";
import { navigationFor } from "./navigation";

const t = translator("en", "shell");

const HELVETIA = { orgId: "helvetia", orgName: "Helvetia Bakery SA", orgIsPartner: false };
const TICINO = { orgId: "ticino", orgName: "Ticino Vini SA", orgIsPartner: false };
const ALPINE = { orgId: "alpine", orgName: "Alpine Web Studio", orgIsPartner: true };
const LAKESIDE = { orgId: "lakeside", orgName: "Lakeside IT", orgIsPartner: true };
const JURA = { orgId: "jura", orgName: "Jura Hosting Partners", orgIsPartner: true };

type Row = { who: string; current: UserMembership | null; isAuditor?: boolean; has: string[]; hasNot: string[] };

const ROWS: Row[] = [
  { who: "Claire, customer legal representative", current: { ...HELVETIA, role: "legal_representative" }, has: ["Products", "Partner", "Invoices"], hasNot: ["Clients", "Prepaid account", "Audit"] },
  { who: "Hanna, customer administrator", current: { ...HELVETIA, role: "administrator" }, has: ["Products", "Partner", "Invoices"], hasNot: ["Clients", "Prepaid account", "Audit"] },
  { who: "Luca, customer collaborator", current: { ...HELVETIA, role: "collaborator" }, has: ["Products"], hasNot: ["Partner", "Clients", "Invoices", "Prepaid account", "Audit"] },
  { who: "Hanna at Ticino Vini, collaborator", current: { ...TICINO, role: "collaborator" }, has: ["Products"], hasNot: ["Partner", "Clients", "Invoices", "Prepaid account", "Audit"] },
  { who: "Marc, partner legal representative", current: { ...ALPINE, role: "legal_representative" }, has: ["Clients", "Invoices", "Prepaid account"], hasNot: ["Partner", "Audit"] },
  { who: "Elena, partner administrator", current: { ...ALPINE, role: "administrator" }, has: ["Clients", "Invoices"], hasNot: ["Partner", "Prepaid account", "Audit"] },
  { who: "a partner's collaborator", current: { ...ALPINE, role: "collaborator" }, has: ["Clients"], hasNot: ["Products", "Partner", "Invoices", "Prepaid account", "Audit"] },
  { who: "Sofia, partner legal representative", current: { ...LAKESIDE, role: "legal_representative" }, has: ["Clients", "Invoices", "Prepaid account"], hasNot: ["Partner", "Audit"] },
  { who: "Ines, partner without clients", current: { ...JURA, role: "legal_representative" }, has: ["Clients"], hasNot: ["Partner", "Audit"] },
  { who: "Nora, auditor without membership", current: null, isAuditor: true, has: ["Audit"], hasNot: ["Partner", "Clients", "Invoices", "Prepaid account"] },
];

describe("navigationFor", () => {
  it.each(ROWS)("$who", ({ current, isAuditor = false, has, hasNot }) => {
    const labels = navigationFor({ isAuditor, current }).map((e) => t(`nav.${e.key}`));
    for (const label of has) expect(labels).toContain(label);
    for (const label of hasNot) expect(labels).not.toContain(label);
  });

  it("links each entry to its page, once", () => {
    const entries = navigationFor({ isAuditor: false, current: { ...HELVETIA, role: "legal_representative" } });
    expect(entries).toContainEqual({ href: "/products", key: "products" });
    expect(entries).toContainEqual({ href: "/partners", key: "partners" });
    expect(new Set(entries.map((e) => e.href)).size).toBe(entries.length);
    const partner = navigationFor({ isAuditor: false, current: { ...ALPINE, role: "legal_representative" } });
    expect(partner).toContainEqual({ href: "/clients", key: "clients" });
  });

  it("gives nobody without a membership a customer or partner page", () => {
    expect(navigationFor({ isAuditor: false, current: null })).toEqual([]);
  });
});
