// The headers every response gets (from proxy.ts, or as a GET arrives): a nonce-based CSP without
// inline scripts, no framing, no sniffing, and HSTS only when the app is served over https.
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, SECURED_HEADER, staticSecurityHeaders } from "./security-headers";

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

/** proxy.ts and this module loaded afresh under APP_URL (lib/env caches what it read). */
async function proxyUnder(appUrl: string) {
  vi.stubEnv("APP_URL", appUrl);
  vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");
  vi.resetModules();
  return import("@/proxy");
}

afterEach(() => vi.unstubAllEnvs());

describe("contentSecurityPolicy", () => {
  const prod = directives(contentSecurityPolicy({ nonce: "abc123", https: true, dev: false }));

  it("runs only scripts carrying the nonce, and what they load; no inline script, no eval", () => {
    expect(prod.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(prod.get("default-src")).toEqual(["'self'"]);
  });

  it("forbids framing, foreign form targets, <base> and plugins", () => {
    expect(prod.get("frame-ancestors")).toEqual(["'none'"]);
    expect(prod.get("form-action")).toEqual(["'self'"]);
    expect(prod.get("base-uri")).toEqual(["'none'"]);
    expect(prod.get("object-src")).toEqual(["'none'"]);
  });

  it("allows <style> only from our files or with the nonce", () => {
    expect(prod.get("style-src")).toEqual(["'self'", "'nonce-abc123'"]);
  });

  it("upgrades insecure requests only over https", () => {
    expect(prod.has("upgrade-insecure-requests")).toBe(true);
    expect(directives(contentSecurityPolicy({ nonce: "n", https: false, dev: false })).has("upgrade-insecure-requests")).toBe(false);
  });

  it("relaxes scripts and styles for the development server only", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", https: false, dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
    expect([...prod.values()].flat()).not.toContain("'unsafe-eval'");
  });
});

describe("staticSecurityHeaders", () => {
  it("sends HSTS over https only", () => {
    expect(staticSecurityHeaders(true)["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(staticSecurityHeaders(false)).not.toHaveProperty("Strict-Transport-Security");
    expect(staticSecurityHeaders(false)).toMatchObject({
      "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin", "X-Frame-Options": "DENY",
    });
  });
});

describe("proxy.ts", () => {
  it("runs on every path unless the server marked the request as having its headers already", async () => {
    const mod = await proxyUnder("http://127.0.0.1:3000");
    expect(mod.config).toEqual({ matcher: [{ source: "/:path*", missing: [{ type: "header", key: SECURED_HEADER }] }] });
  });

  it("answers each request it runs for with a fresh nonce, also handed to Next", async () => {
    const mod = await proxyUnder("http://127.0.0.1:3000");
    const nonces = new Set<string>();
    for (const path of ["/partners", "/api/auth/session", "/_next/static/chunks/x.js", "/invoices/export.csv"]) {
      const res = await mod.proxy(new NextRequest(`http://127.0.0.1:3000${path}`));
      const csp = res.headers.get("content-security-policy")!;
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      nonces.add(nonce);
      // Next reads the nonce from the request's policy and stamps its own scripts with it.
      expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    expect(nonces.size).toBe(4);
    for (const n of nonces) expect(Buffer.from(n, "base64").length).toBeGreaterThanOrEqual(16);
  });

  it("adds HSTS when APP_URL is https", async () => {
    const mod = await proxyUnder("https://manager.example.com");
    expect((await mod.proxy(new NextRequest("https://manager.example.com/"))).headers.get("strict-transport-security")).toMatch(/^max-age=31536000/);
  });
});

/** A request as Node's server hands it over, with these headers, and its response. */
function arriving(method: string, headers: Record<string, string>) {
  const request = new IncomingMessage(new Socket());
  request.method = method;
  for (const [name, value] of Object.entries(headers)) request.headers[name] = value;
  return { request, response: new ServerResponse(request) };
}

async function stampUnder(appUrl: string) {
  vi.stubEnv("APP_URL", appUrl);
  vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");
  vi.resetModules();
  return (await import("./security-headers")).stampSecurityHeaders;
}

describe("stampSecurityHeaders (as a request arrives)", () => {
  it("gives a GET or HEAD its policy on the request and the response, with one fresh nonce, and marks it", async () => {
    const stamp = await stampUnder("http://127.0.0.1:3000");
    const nonces = new Set<string>();
    for (const method of ["GET", "HEAD", "GET"]) {
      const { request, response } = arriving(method, {});
      stamp(request, response);
      const csp = String(response.getHeader("content-security-policy"));
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      // Next reads the nonce from the request's policy: the same policy, so its scripts carry this nonce.
      expect(request.headers["content-security-policy"]).toBe(csp);
      expect(request.headers[SECURED_HEADER]).toBe("1");
      expect(response.getHeader("x-content-type-options")).toBe("nosniff");
      expect(response.getHeader("x-frame-options")).toBe("DENY");
      expect(response.getHeader("strict-transport-security")).toBeUndefined();
      nonces.add(/'nonce-([^']+)'/.exec(csp)![1]!);
    }
    expect(nonces.size).toBe(3);
  });

  it("replaces a policy a client sent, so that Next never takes a client's nonce", async () => {
    const stamp = await stampUnder("http://127.0.0.1:3000");
    const { request, response } = arriving("GET", {
      "content-security-policy": "script-src 'nonce-chosen-by-the-client'",
      "content-security-policy-report-only": "script-src 'nonce-also-chosen'",
    });
    stamp(request, response);
    expect(request.headers["content-security-policy"]).not.toContain("chosen");
    expect(request.headers["content-security-policy-report-only"]).toBeUndefined();
  });

  it("leaves every other method to proxy.ts: no headers, and a mark a client sent is removed", async () => {
    const stamp = await stampUnder("http://127.0.0.1:3000");
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
      const { request, response } = arriving(method, { [SECURED_HEADER]: "1", "next-action": "abc" });
      stamp(request, response);
      expect(request.headers[SECURED_HEADER], method).toBeUndefined();
      expect(response.getHeader("content-security-policy"), method).toBeUndefined();
    }
  });

  it("adds HSTS when APP_URL is https", async () => {
    const stamp = await stampUnder("https://manager.example.com");
    const { request, response } = arriving("GET", {});
    stamp(request, response);
    expect(response.getHeader("strict-transport-security")).toMatch(/^max-age=31536000/);
  });
});
