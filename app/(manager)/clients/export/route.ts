// The partner's active clients as CSV (what /clients shows, every page of it).
import type { NextRequest } from "next/server";
import { zurichDate } from "@/lib/audit-period";
import { listActiveClients, listManagedProductsFor, type ClientCursor } from "@/db/lifecycle";
import { csvResponse, EXPORT_CHUNK, keysetPages } from "@/lib/csv";
import { effectivePaymentMode } from "@/lib/domain";
import { canSeeClientsPage } from "@/lib/permissions";
import { exportWithSlot } from "@/lib/server/export-slots";
import { getViewer } from "@/lib/session";

export async function GET(request: NextRequest): Promise<Response> {
  const viewer = await getViewer();
  const m = viewer?.current;
  if (!viewer || !m || !canSeeClientsPage(m)) return new Response("Not found", { status: 404 });
  const partnerOrgId = m.orgId;

  // Each page of clients with its managed products: one query per page, not per row.
  async function* pagesWithProducts() {
    for await (const rows of keysetPages((after: ClientCursor | undefined) => listActiveClients({ partnerOrgId, after, limit: EXPORT_CHUNK }))) {
      const products = await listManagedProductsFor({ partnershipIds: rows.filter((r) => r.access === "limited").map((r) => r.id) });
      yield rows.map((r) => ({ ...r, products: products.get(r.id) ?? [] }));
    }
  }

  return exportWithSlot(request, viewer.id, (slot) => csvResponse(
    `clients-${zurichDate(new Date())}.csv`,
    // Machine column names and codes in every language (docs/i18n.md); `since` is the Zurich day the
    // partnership began, as the Clients page shows it; `products` the managed products' labels, or
    // nothing with full access (which covers every product).
    ["client", "access", "payment_mode", "products", "since"],
    pagesWithProducts(),
    (r) => [
      r.customerName,
      r.access,
      effectivePaymentMode(r),
      r.access === "full" ? "" : r.products.map((p) => p.label).join("; "),
      zurichDate(r.activatedAt ?? r.createdAt),
    ],
    { slot },
  ));
}
