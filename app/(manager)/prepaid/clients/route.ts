// GET /prepaid/clients?q=…: matches for the prepaid account's Client filter (a combobox once the partner
// has many clients). Only for those who may see the prepaid account; 404 otherwise.
import type { NextRequest } from "next/server";
import { searchClientsOf } from "@/db/invoices";
import { billingAccess, NOT_FOUND_RESPONSE } from "@/lib/billing/viewer";

export async function GET(request: NextRequest): Promise<Response> {
  const access = await billingAccess("prepaid");
  if (access.kind !== "ok") return NOT_FOUND_RESPONSE();
  const query = request.nextUrl.searchParams.get("q") ?? "";
  return Response.json(await searchClientsOf({ orgId: access.membership.orgId, query, includeSelf: false }), { headers: { "Cache-Control": "no-store" } });
}
