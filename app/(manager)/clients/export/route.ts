// The partner's active clients as CSV (what /clients shows, every page of it).
import { listActiveClients, listManagedProductsFor, type ClientCursor } from "@/db/lifecycle";
import { ACCESS_LABELS, effectivePaymentMode, PAYMENT_MODE_INFO } from "@/lib/domain";
import { canSeeClientsPage } from "@/lib/permissions";
import { getViewer } from "@/lib/session";
import { csvLine } from "./csv";

// Bounds the export of one request; far above any real partner's client count.
const MAX_PAGES = 100;

export async function GET(): Promise<Response> {
  const viewer = await getViewer();
  const m = viewer?.current;
  if (!m || !canSeeClientsPage(m)) return new Response("Not found", { status: 404 });
  let csv = csvLine(["Client", "Access", "Payment mode", "Products", "Since (UTC)"]);
  let after: ClientCursor | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await listActiveClients({ partnerOrgId: m.orgId, after, limit: 500 });
    const products = await listManagedProductsFor({ partnershipIds: page.rows.filter((r) => r.access === "limited").map((r) => r.id) });
    for (const r of page.rows) {
      csv += csvLine([
        r.customerName,
        ACCESS_LABELS[r.access],
        PAYMENT_MODE_INFO[effectivePaymentMode(r)].label,
        r.access === "full" ? "All" : (products.get(r.id) ?? []).map((p) => p.label).join("; "),
        (r.activatedAt ?? r.createdAt).toISOString().slice(0, 10),
      ]);
    }
    if (!page.next) break;
    after = page.next;
  }
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="clients-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
