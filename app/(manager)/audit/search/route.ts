// GET /audit/search?kind=org|partner|user&q=…: the matches the auditor's filter comboboxes show, as
// JSON. Auditors only; anyone else (signed out included) gets the same 404 as for an unknown address.
import type { NextRequest } from "next/server";
import { searchFilterChoices, type FilterChoiceKind } from "@/db/audit-console";
import { auditorOrNull, notFoundResponse } from "../auditor";

const KINDS: readonly FilterChoiceKind[] = ["org", "partner", "user"];

export async function GET(request: NextRequest): Promise<Response> {
  if (!(await auditorOrNull())) return notFoundResponse();
  const params = request.nextUrl.searchParams;
  const kind = KINDS.find((k) => k === params.get("kind"));
  if (!kind) return Response.json({ error: "kind must be org, partner or user" }, { status: 400 });
  const matches = await searchFilterChoices({ kind, query: (params.get("q") ?? "").slice(0, 100) });
  return Response.json(matches, { headers: { "Cache-Control": "no-store" } });
}
