// Runs before every request that is not a GET or HEAD the server has already given its security
// headers (the matcher below: server actions, sign-in and sign-out posts, and everything when the
// headers were not stamped). Kept thin: each concern lives in its own module under lib/server/.
import type { NextRequest } from "next/server";
import { rejectMalformedAction } from "@/lib/server/action-request";
import { withSecurityHeaders } from "@/lib/server/security-headers";

export async function proxy(request: NextRequest) {
  // Server-action requests React could not decode: 400/403/413 here, before they reach it.
  const refused = await rejectMalformedAction(request);
  if (refused) return refused;
  return withSecurityHeaders(request);
}

// A literal, as Next reads it at build time: the header is SECURED_HEADER (lib/server/security-headers.ts,
// whose test checks that the two agree). The server removes it from every request a client sends.
export const config = {
  matcher: [{ source: "/:path*", missing: [{ type: "header", key: "x-pm-secured" }] }],
};
