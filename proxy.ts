// Next.js proxy: runs before every page request.
import { NextResponse, type NextRequest } from "next/server";
import { rejectMalformedAction } from "@/lib/server/action-request";

export async function proxy(request: NextRequest) {
  // Server-action requests React could not decode: 400/403/413 here, before they reach it.
  const refused = await rejectMalformedAction(request);
  if (refused) return refused;
  return NextResponse.next();
}

export const config = {
  // Every page, including POSTs to pages (server actions); not Next's static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
