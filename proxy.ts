// Runs before every request (no matcher: pages, route handlers, server actions, static files).
// Kept thin: each concern lives in its own module under lib/server/.
import type { NextRequest } from "next/server";
import { withSecurityHeaders } from "@/lib/server/security-headers";

export function proxy(request: NextRequest) {
  return withSecurityHeaders(request);
}
