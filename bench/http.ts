// HTTP side of the bench: sign in through the real login form (the same no-JavaScript POST a browser
// without scripts makes), fetch a page as that user, and load a URL with autocannon.
import autocannon from "autocannon";

const entity = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Signs in with the login page's form and returns the session cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const html = await (await fetch(`${base}/login`)).text();
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
  if (!form) throw new Error("bench: no form on /login");
  const body = new FormData();
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) body.append(entity(m[1]!), entity(m[2] ?? ""));
  body.append("email", email);
  body.append("password", password);
  const res = await fetch(`${base}/login`, { method: "POST", body, redirect: "manual" });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("authjs.session-token="));
  if (res.status !== 303 || !session) throw new Error(`bench: sign-in as ${email} answered ${res.status} without a session cookie`);
  return session;
}

export type Fetched = { status: number; body: string; bytes: number; ms: number };

export async function get(url: string, cookie?: string): Promise<Fetched> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, body: buf.toString("utf8"), bytes: buf.length, ms: performance.now() - t0 };
}

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };

export type Load = { p50: number; p975: number; rps: number; requests: number; errors: number };

/** `connections` clients requesting `url` back to back for `seconds`; latencies in ms. */
export async function load(url: string, { cookie, connections, seconds }: { cookie?: string; connections: number; seconds: number }): Promise<Load> {
  const r = await autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {} });
  return {
    p50: r.latency.p50, p975: r.latency.p97_5, rps: r.requests.average, requests: r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}
