// Malformed server-action requests against the production server (issue #8, point 5): undecodable
// bodies answer 400 before they reach React, a foreign Origin 403, an oversized body 413 without the
// connection being reset; nothing answers 500, changes a business row, or logs a stack trace.
// (Arguments fuzzed through every action in-process: app/action-fuzz.test.ts.)
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { expect, test } from "./fixtures";
import { actionIds, signInOverHttp } from "./action-client";
import { startServer, stopGroup, type Server } from "./servers";

type Body = { name: string; body: string | Uint8Array | FormData; type?: string; headers?: Record<string, string>; expect: number[] };

function deep(depth: number): string {
  return `[${"[".repeat(depth)}${"]".repeat(depth)}]`;
}

function multipart(entries: [string, string | Blob][]): FormData {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
}

const TEXT = "text/plain;charset=UTF-8";
const CORPUS: Body[] = [
  { name: "invalid JSON", body: "{{{", expect: [400] },
  // The mark by which the server lets its own GETs skip proxy.ts: a client's is removed, so the guard still runs.
  { name: "invalid JSON, claiming the server's mark that skips the proxy", body: "{{{", headers: { "x-pm-secured": "1" }, expect: [400] },
  { name: "an empty body", body: "", expect: [400] },
  { name: "a JSON object instead of the arguments array", body: '{"partnershipId":"x"}', expect: [400] },
  { name: "a JSON string", body: '"hello"', expect: [400] },
  { name: "a number", body: "42", expect: [400] },
  { name: "5,000-deep nesting", body: deep(5_000), expect: [400] },
  { name: "a temporary reference", body: '["$T"]', expect: [400] },
  { name: "a temporary reference inside the input", body: '[{"partnershipId":"$T","version":1}]', expect: [400] },
  { name: "a promise reference", body: '["$@1"]', expect: [400] },
  { name: "a server reference", body: '["$F1"]', expect: [400] },
  { name: "a Map reference", body: '["$Q1"]', expect: [400] },
  { name: "a stream reference", body: '["$R1"]', expect: [400] },
  { name: "a FormData reference without form data", body: '["$K1"]', expect: [400] },
  { name: "JSON with NUL and lone surrogates", body: '[{"partnershipId":"\\u0000\\ud800","version":1,"paymentMode":"\\u0000"}]', expect: [200] },
  { name: "an escaped dollar (a legitimate string)", body: '[{"partnershipId":"$$T","version":1}]', expect: [200] },
  { name: "garbage bytes", body: new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x5b]), expect: [400] },
  { name: "a JSON content type", body: "[{}]", type: "application/json", expect: [400] },
  { name: "multipart without the arguments field", body: multipart([["1_x", "y"]]), expect: [400] },
  { name: "multipart with a file", body: multipart([["0", "[]"], ["1_f", new Blob(["x"])]]), expect: [400] },
  { name: "multipart with invalid JSON arguments", body: multipart([["0", "{{"]]), expect: [400] },
  { name: "a foreign Origin", body: "[{}]", headers: { Origin: "https://evil.example" }, expect: [403] },
  { name: "the null Origin", body: "[{}]", headers: { Origin: "null" }, expect: [403] },
  { name: "a malformed action id", body: "[{}]", headers: { "Next-Action": "not an id" }, expect: [400] },
];

/** POSTs with node's http client: the status, or the network error (a reset connection shows here). */
function rawPost(base: string, pagePath: string, headers: Record<string, string>, body: Buffer, { chunked = false } = {}): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(`${base}${pagePath}`, { method: "POST", headers: chunked ? headers : { ...headers, "Content-Length": String(body.length) } }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    if (chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** Everything the product stores except the audit trail (which records refusals), for before/after. */
async function businessRows(db: Client): Promise<string> {
  const tables = ["partnerships", "partnership_products", "invitations", "orders", "invoices", "invoice_lines", "prepaid_entries", "prepaid_accounts", "products", "outbox", "idempotency_keys", "memberships", "users", "organizations"];
  const out: string[] = [];
  for (const t of tables) out.push(JSON.stringify((await db.execute(`SELECT * FROM ${t} ORDER BY 1`)).rows));
  return out.join("\n");
}

/** The server logged no stack trace and no server error (a failed test restarts the server: checked in each). */
function expectQuietLog(server: Server) {
  const log = server.output();
  expect(log).not.toMatch(/^\s+at /m);
  expect(log).not.toContain("⨯");
  expect(log).not.toContain("[action] unexpected error");
}

test.describe("hostile action requests to the production server", () => {
  test.describe.configure({ timeout: 180_000 });
  let dir: string;
  let server: Server;
  let db: Client;
  let cookie: string;
  test.beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-e2e-hostile-"));
    server = await startServer("node", { DATABASE_URL: `file:${path.join(dir, "hostile.db")}`, RENEWALS_IN_APP: "off", WORKER_IN_APP: "off" });
    db = createClient({ url: `file:${path.join(dir, "hostile.db")}` });
    cookie = await signInOverHttp(server.base, "claire@helvetia-bakery.test");
  });
  test.afterAll(async () => {
    db?.close();
    if (server) stopGroup(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("answers every malformed body to every action with 400, 403 or 413, never 500, changing nothing", async () => {
    const before = await businessRows(db);
    const ids = actionIds();
    expect(Object.keys(ids).length).toBeGreaterThanOrEqual(16);
    const failures: string[] = [];
    for (const [action, id] of Object.entries(ids)) {
      for (const c of CORPUS) {
        const r = await fetch(`${server.base}/partners`, {
          method: "POST",
          body: c.body as BodyInit,
          headers: {
            "Next-Action": id, Origin: server.base, Cookie: cookie, Accept: "text/x-component",
            ...(c.body instanceof FormData ? {} : { "Content-Type": c.type ?? TEXT }),
            ...c.headers,
          },
        });
        await r.arrayBuffer();
        if (!c.expect.includes(r.status)) failures.push(`${action} / ${c.name}: ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await businessRows(db)).toBe(before);
    expectQuietLog(server);
  });

  test("answers the form actions (sign-in, organization switch, sign-out) called with JSON instead of a form without a 500", async () => {
    const ids = actionIds();
    for (const action of ["app/(auth)/login/actions.ts#login", "app/(manager)/actions.ts#switchOrganization", "app/(manager)/actions.ts#signOutAction"]) {
      for (const args of ['[{"email":"claire@helvetia-bakery.test","orgId":"x"}]', '[null,{"a":1}]', "[]"]) {
        const r = await fetch(`${server.base}/partners`, {
          method: "POST", body: args,
          headers: { "Next-Action": ids[action]!, Origin: server.base, Cookie: cookie, Accept: "text/x-component", "Content-Type": TEXT },
        });
        const text = await r.text();
        expect(r.status, `${action} ${args}`).toBe(200);
        expect(text, `${action} ${args}`).not.toMatch(/^1:E/m);
      }
    }
    expectQuietLog(server);
  });

  test("refuses bodies over 1 MB with 413 without resetting the connection, declared or chunked", async () => {
    const id = actionIds()["app/(manager)/partners/actions.ts#changePaymentMode"]!;
    const headers = { "Next-Action": id, Origin: server.base, Cookie: cookie, "Content-Type": TEXT, Accept: "text/x-component" };
    for (const size of [1_100_000, 5_000_000]) {
      const body = Buffer.from(JSON.stringify(["x".repeat(size)]));
      expect(await rawPost(server.base, "/partners", headers, body)).toMatchObject({ status: 413 });
      expect(await rawPost(server.base, "/partners", headers, body, { chunked: true })).toMatchObject({ status: 413 });
    }
    expectQuietLog(server);
  });
});
