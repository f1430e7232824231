// GET /products/clients?q=…: the clients a partner may order for (active, full access) whose name
// matches, for the order panel's Client combobox. Only for a partner who may place orders; 404 otherwise.
import type { NextRequest } from "next/server";
import { searchOrderableClients } from "@/db/products";
import { NOT_FOUND_RESPONSE } from "@/lib/billing/viewer";
import { canPlaceOrders } from "@/lib/permissions";
import { getViewer } from "@/lib/session";

export async function GET(request: NextRequest): Promise<Response> {
  const m = (await getViewer())?.current;
  if (!m || !m.orgIsPartner || !canPlaceOrders(m)) return NOT_FOUND_RESPONSE();
  const query = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 100);
  return Response.json(await searchOrderableClients({ partnerOrgId: m.orgId, query }), { headers: { "Cache-Control": "no-store" } });
}
