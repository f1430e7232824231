// Stamps every HTTP request the server receives with two facts only the server knows: the TCP peer's
// address and a fresh request id. Next.js gives neither to proxy.ts, route handlers or server actions
// (it fills X-Forwarded-For with the peer only when the client sent none, so a client's own header
// wins), so this listens on Node's `http.server.request.start` diagnostics channel, which fires for
// each request before any handler, and overwrites whatever the client sent under the same names.
import "server-only";
import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { PEER_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/lib/client-address";
import { stampSecurityHeaders } from "./security-headers";

type RequestStart = { request: IncomingMessage; response: ServerResponse; socket: Socket };

/** Sets the two headers on one incoming request, replacing any value the client sent. */
export function stampRequest({ request, response, socket }: RequestStart): void {
  const id = randomUUID();
  request.headers[REQUEST_ID_HEADER] = id;
  const peer = socket?.remoteAddress;
  if (peer) request.headers[PEER_ADDRESS_HEADER] = peer;
  else delete request.headers[PEER_ADDRESS_HEADER];
  // So a user reporting a problem can quote the id the audit trail recorded for their request.
  if (!response.headersSent) response.setHeader("X-Request-Id", id);
}

const installed = globalThis as unknown as { pmRequestIdentity?: boolean };

/** Called once per server process, from instrumentation.ts, before the first request is handled. */
export function stampEveryRequest(): void {
  if (installed.pmRequestIdentity) return;
  installed.pmRequestIdentity = true;
  subscribe("http.server.request.start", (message) => {
    const start = message as RequestStart;
    stampRequest(start);
    // And the security headers of GET and HEAD requests, which then skip proxy.ts (lib/server/security-headers.ts).
    stampSecurityHeaders(start.request, start.response);
  });
}
