// Sidebar entries per role (PRODUCT.md): a pure function, so pages and tests agree on who sees what.
import type { UserMembership } from "@/db/users";
import { canSeeClientsPage, canSeeInvoices, canSeePartnersPage, canSeePrepaid, canSeeProductsPage } from "./permissions";

export type NavEntry = { href: string; label: string };

export function navigationFor(viewer: { isAuditor: boolean; current: UserMembership | null }): NavEntry[] {
  const m = viewer.current;
  const entries: NavEntry[] = [];
  if (m) {
    if (canSeeProductsPage(m)) entries.push({ href: "/products", label: "Products" });
    if (canSeePartnersPage(m)) entries.push({ href: "/partners", label: "Partner" });
    if (canSeeClientsPage(m)) entries.push({ href: "/clients", label: "Clients" });
    if (canSeeInvoices(m.role)) entries.push({ href: "/invoices", label: "Invoices" });
    if (canSeePrepaid(m)) entries.push({ href: "/prepaid", label: "Prepaid account" });
  }
  if (viewer.isAuditor) entries.push({ href: "/audit", label: "Audit" });
  return entries;
}
