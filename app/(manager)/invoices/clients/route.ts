// GET /invoices/clients?q=…: matches for the invoice list's Client filter (a combobox once an
// organization has many clients). Only for those who may see the organization's invoices; 404 otherwise.
import type { NextRequest } from "next/server";
import { searchClientsOf } from "@/db/invoices";
import { billingAccess, NOT_FOUND_RESPONSE } from "@/lib/billing/viewer";

export async function GET(request: NextRequest): Promise<Response> {
  const access = await billingAccess("invoices");
  if (access.kind !== "ok") return NOT_FOUND_RESPONSE();
  const query = request.nextUrl.searchParams.get("q") ?? "";
  return Response.json(await searchClientsOf({ orgId: access.membership.orgId, query, includeSelf: true }), { headers: { "Cache-Control": "no-store" } });
}
