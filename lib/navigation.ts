// Sidebar entries per role (PRODUCT.md): a pure function, so pages and tests agree on who sees what.
import type { UserMembership } from "@/db/users";
import { canSeeOrganizationPage } from "./billing/access";
import { canSeeClientsPage, canSeeInvoices, canSeePartnersPage, canSeePrepaid, canSeeProductsPage } from "./permissions";

/** `key` names the entry's label in the "shell" namespace: `t(\`nav.${key}\`)`. */
export type NavKey = "products" | "partners" | "clients" | "invoices" | "prepaid" | "organization" | "audit";
export type NavEntry = { href: string; key: NavKey };

export function navigationFor(viewer: { isAuditor: boolean; current: UserMembership | null }): NavEntry[] {
  const m = viewer.current;
  const entries: NavEntry[] = [];
  if (m) {
    if (canSeeProductsPage(m)) entries.push({ href: "/products", key: "products" });
    if (canSeePartnersPage(m)) entries.push({ href: "/partners", key: "partners" });
    if (canSeeClientsPage(m)) entries.push({ href: "/clients", key: "clients" });
    if (canSeeInvoices(m.role)) entries.push({ href: "/invoices", key: "invoices" });
    if (canSeePrepaid(m)) entries.push({ href: "/prepaid", key: "prepaid" });
    if (canSeeOrganizationPage(m)) entries.push({ href: "/organization", key: "organization" });
  }
  if (viewer.isAuditor) entries.push({ href: "/audit", key: "audit" });
  return entries;
}
