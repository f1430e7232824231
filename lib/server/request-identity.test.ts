// The server's own stamp on every request, through a real HTTP server: whatever a client sends under
// the same header names is replaced, and the request id is echoed back as X-Request-Id.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/lib/client-address";
import { stampEveryRequest } from "./request-identity";

let server: http.Server;
let port: number;

beforeAll(async () => {
  stampEveryRequest();
  stampEveryRequest(); // idempotent: one subscription however often the hook runs
  server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function send(headers: Record<string, string>) {
  const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
  return { seen: (await res.json()) as Record<string, string>, requestId: res.headers.get("x-request-id") };
}

describe("stampEveryRequest", () => {
  it("replaces a forged peer address and request id, and keeps X-Forwarded-For as sent", async () => {
    const { seen, requestId } = await send({
      [PEER_ADDRESS_HEADER]: "203.0.113.66", [REQUEST_ID_HEADER]: "forged", "x-request-id": "client-chosen", "x-forwarded-for": "203.0.113.66",
    });
    expect(seen[PEER_ADDRESS_HEADER]).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(seen[REQUEST_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId).toBe(seen[REQUEST_ID_HEADER]);
    expect(seen["x-forwarded-for"]).toBe("203.0.113.66");
  });

  it("gives every request its own id", async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => send({}).then((r) => r.requestId)));
    expect(new Set(ids).size).toBe(5);
  });
});
