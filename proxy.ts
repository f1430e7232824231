// Runs before every request (no matcher: pages, route handlers, server actions, static files).
// Kept thin: each concern lives in its own module under lib/server/.
import type { NextRequest } from "next/server";
import { rejectMalformedAction } from "@/lib/server/action-request";
import { withSecurityHeaders } from "@/lib/server/security-headers";

export async function proxy(request: NextRequest) {
  // Server-action requests React could not decode: 400/403/413 here, before they reach it.
  const refused = await rejectMalformedAction(request);
  if (refused) return refused;
  return withSecurityHeaders(request);
}
