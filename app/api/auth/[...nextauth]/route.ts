// Auth.js's endpoints (sign-in, CSRF, sign-out, session). Its session endpoint answers from the cookie
// alone; here a session whose row was revoked or has expired reads as none (null), as on every page
// (lib/session.ts), so a copied cookie no longer tells who it belonged to after sign-out.
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { getViewer } from "@/lib/session";

export async function GET(request: NextRequest): Promise<Response> {
  if (request.nextUrl.pathname.endsWith("/session") && !(await getViewer())) {
    return Response.json(null, { headers: { "Cache-Control": "no-store" } });
  }
  return handlers.GET(request);
}

export const { POST } = handlers;
