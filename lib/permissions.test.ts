// PRODUCT.md's role table and rule 2, row by row.
import { describe, expect, it } from "vitest";
import { ROLES, type AccessLevel, type PartnershipStatus, type Role } from "./domain";
import {
  canSeeClientsPage, canSeeInvoices, canSeePartnersPage, canSeePrepaid, canSeeProductsPage, paymentModeChangeDenial, type PaymentModeDenial,
} from "./permissions";

const STATUSES: PartnershipStatus[] = ["pending", "active", "ended", "refused", "deleted"];
const ACCESS: AccessLevel[] = ["limited", "full"];

/** The expected answer, written independently of the implementation's order of checks. */
function expectedDenial(role: Role, access: AccessLevel, status: PartnershipStatus): PaymentModeDenial | null {
  if (role !== "legal_representative") return "role";
  if (status !== "active") return "not_active";
  return access === "full" ? null : "limited_access";
}

const matrix = ROLES.flatMap((role) =>
  ACCESS.flatMap((access) => STATUSES.map((status) => ({ role, access, status, expected: expectedDenial(role, access, status) }))),
);

describe("paymentModeChangeDenial", () => {
  it("covers every role × access × status", () => {
    expect(matrix).toHaveLength(3 * 2 * 5);
  });

  it.each(matrix)("$role, $access access, $status → $expected", ({ role, access, status, expected }) => {
    expect(paymentModeChangeDenial(role, { access, status })).toBe(expected);
  });

  it("allows exactly one combination: a legal representative on an active full-access partnership", () => {
    expect(matrix.filter((r) => paymentModeChangeDenial(r.role, r) === null))
      .toEqual([{ role: "legal_representative", access: "full", status: "active", expected: null }]);
  });
});

describe("page access per role and side", () => {
  const rows: { role: Role; orgIsPartner: boolean; products: boolean; partners: boolean; clients: boolean; invoices: boolean; prepaid: boolean }[] = [
    { role: "legal_representative", orgIsPartner: false, products: true, partners: true, clients: false, invoices: true, prepaid: false },
    { role: "administrator", orgIsPartner: false, products: true, partners: true, clients: false, invoices: true, prepaid: false },
    { role: "collaborator", orgIsPartner: false, products: true, partners: false, clients: false, invoices: false, prepaid: false },
    { role: "legal_representative", orgIsPartner: true, products: true, partners: false, clients: true, invoices: true, prepaid: true },
    { role: "administrator", orgIsPartner: true, products: true, partners: false, clients: true, invoices: true, prepaid: false },
    { role: "collaborator", orgIsPartner: true, products: false, partners: false, clients: true, invoices: false, prepaid: false },
  ];

  it.each(rows)("$role (partner org: $orgIsPartner)", ({ role, orgIsPartner, products, partners, clients, invoices, prepaid }) => {
    const m = { orgId: "org-1", role, orgIsPartner };
    expect({
      products: canSeeProductsPage(m), partners: canSeePartnersPage(m), clients: canSeeClientsPage(m), invoices: canSeeInvoices(role), prepaid: canSeePrepaid(m),
    }).toEqual({ products, partners, clients, invoices, prepaid });
  });
});
