// Response compression as `npm start` serves it (lib/cli/server.ts; Next's own is off): pages gzipped at
// zlib's default level, the CSV exports at its fastest level (docs/benchmarks.md), and nothing
// compressed for a client that does not ask. The gzip header's XFL byte names the level: 0 for the
// default, 4 for the fastest.
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { expect, test } from "./fixtures";
import { signInOverHttp } from "./action-client";
import { E2E_PORT } from "./ports";

const APP = `http://127.0.0.1:${E2E_PORT}`;

/** A GET whose body is kept as sent (fetch would decompress it). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${APP}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

test("pages are gzipped at the default level, CSV exports at the fastest, and neither for a client that does not ask", async () => {
  const cookie = await signInOverHttp(APP, "claire@helvetia-bakery.test");
  const gzip = { cookie, "accept-encoding": "gzip, deflate, br" };

  const page = await rawGet("/invoices", gzip);
  expect(page.status).toBe(200);
  expect(page.encoding).toBe("gzip");
  expect(page.body[8]).toBe(0);
  expect(gunzipSync(page.body).toString()).toContain("<html");

  const exported = await rawGet("/invoices/export.csv", gzip);
  expect(exported.status).toBe(200);
  expect(exported.encoding).toBe("gzip");
  expect(exported.body[8]).toBe(4);
  const csv = gunzipSync(exported.body).toString().replace(/^\ufeff/, "");
  expect(csv.split("\r\n")[0]).toMatch(/^number,issued,due,status/);

  const plain = await rawGet("/invoices/export.csv", { cookie, "accept-encoding": "identity" });
  expect(plain.encoding).toBeUndefined();
  expect(plain.body.toString().replace(/^\ufeff/, "")).toBe(csv);
});
