// Where a browser may be sent after signing in: a path of this app, never another host.

/** The first path segment of every page a browser may be sent to (the route folders under app/, not api/). */
export const REDIRECT_SECTIONS = ["partners", "clients", "products", "invoices", "prepaid", "organization", "audit", "invitations", "login"] as const;

/**
 * Resolves `next` against the app's own address and returns it as a path (with query and fragment)
 * only if it stays on the app's origin and names one of its sections; anything else gives "/".
 * Resolving with the URL parser, as the browser will, is what defeats the tricks that fool string
 * checks: `/\host`, `/<tab>/host`, `//host`, `\\host`, `https:host`, `javascript:`, dot segments.
 */
export function safeRedirectPath(next: unknown, appUrl: string): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2048) return "/";
  let base: URL;
  let url: URL;
  try {
    base = new URL(appUrl);
    url = new URL(next, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin || url.username || url.password) return "/";
  const path = url.pathname;
  // A path starting "//" would be read as another host by the browser; "//" anywhere is never ours.
  if (path.includes("//") || path.includes("\\")) return "/";
  const first = path.split("/")[1] ?? "";
  if (path !== "/" && !(REDIRECT_SECTIONS as readonly string[]).includes(first)) return "/";
  return `${path}${url.search}${url.hash}`;
}
