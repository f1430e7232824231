// The security headers of every response: a Content-Security-Policy with a fresh nonce per request
// (Next.js reads it from the request's CSP header and stamps its own scripts and styles with it), and
// the headers that stop framing, sniffing, referrer leaks and unused features. Why each directive is
// there: docs/security.md.
//
// Set in one of two places. GET and HEAD requests get them as they arrive at the server
// (stampSecurityHeaders, from lib/server/request-identity.ts), marked so that proxy.ts does not run for
// them at all (its matcher): running the proxy cost a bare Next page 0.8 ms a request, 41 % of its
// CPU (docs/benchmarks.md, "Eleventh pass"). Every other request (server actions, sign-in and sign-out
// posts) goes through proxy.ts, which guards the actions and sets the same headers (withSecurityHeaders).
import "server-only";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

/**
 * On a request: its security headers are set already, proxy.ts need not run. Only the server sets it
 * (a client's own is removed from every request); proxy.ts's matcher names it as a literal.
 */
export const SECURED_HEADER = "x-pm-secured";

export type PolicyOptions = { nonce: string; https: boolean; dev: boolean };

export function contentSecurityPolicy({ nonce, https, dev }: PolicyOptions): string {
  return [
    "default-src 'self'",
    // Only scripts carrying this response's nonce, and what they load ('strict-dynamic'); no inline
    // script without the nonce. React needs eval in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // The stylesheet is a file ('self'); <style> elements need the nonce. The development server
    // injects unnonced <style> tags for hot reloading, hence 'unsafe-inline' there only.
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // style="" attributes cannot carry a nonce; they cannot run code or load anything beyond img-src,
    // and the audit chart sizes its bars with them.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The headers every response carries besides the CSP; HSTS only when the app is served over https. */
export function staticSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/**
 * Adds the security headers to `response`, or, without one, lets the request through to the app with
 * the policy on the request too (that is where Next.js looks for the nonce).
 */
export function withSecurityHeaders(request: NextRequest, response?: Response): Response {
  const { csp, headers } = freshHeaders();
  let out = response;
  if (!out) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", csp);
    out = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) out.headers.set(name, value);
  return out;
}

/** A response's security headers with a fresh nonce, and its policy alone (for the request). */
function freshHeaders(): { csp: string; headers: Record<string, string> } {
  const https = env().APP_URL.startsWith("https:");
  const csp = contentSecurityPolicy({ nonce: randomBytes(18).toString("base64"), https, dev: process.env.NODE_ENV === "development" });
  return { csp, headers: { "Content-Security-Policy": csp, ...staticSecurityHeaders(https) } };
}

/**
 * As a request arrives, before any handler: a GET or HEAD gets its policy on the request (where Next
 * reads the nonce, replacing any a client sent) and its headers on the response, and the mark that
 * lets it skip proxy.ts. Any other method only loses a mark a client may have sent, so it goes through
 * proxy.ts (the guard of the server actions) whatever it claims.
 */
export function stampSecurityHeaders(request: IncomingMessage, response: ServerResponse): void {
  delete request.headers[SECURED_HEADER];
  if (request.method !== "GET" && request.method !== "HEAD") return;
  if (response.headersSent) return;
  const { csp, headers } = freshHeaders();
  request.headers["content-security-policy"] = csp;
  delete request.headers["content-security-policy-report-only"];
  request.headers[SECURED_HEADER] = "1";
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
}
