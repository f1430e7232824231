// Where a request came from and which request it is, from headers the server itself set
// (lib/server/request-identity.ts) and, only as far as TRUSTED_PROXY_HOPS allows, X-Forwarded-For.
import { isIP } from "node:net";

/** The TCP peer's address, written by the server for every request (a client's own value is replaced). */
export const PEER_ADDRESS_HEADER = "x-pm-peer-address";
/** The id the server gave this request (a client's own value is replaced); also sent back as X-Request-Id. */
export const REQUEST_ID_HEADER = "x-pm-request-id";

type HeaderSource = Pick<Headers, "get"> | undefined;

function normalise(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const plain = v.startsWith("::ffff:") && isIP(v.slice(7)) === 4 ? v.slice(7) : v;
  return isIP(plain) ? plain : null;
}

/**
 * The client's address. With no trusted proxy (0 hops) it is the TCP peer and X-Forwarded-For is
 * ignored: anything in it was written by the client. With n proxies in front, each appending the
 * address it saw, the client is the n-th entry from the right of X-Forwarded-For (entries further
 * left were written by the client and are ignored). A chain shorter than n means the request skipped
 * a proxy: the leftmost entry is then the best we know. Null when nothing usable is there.
 */
export function clientAddress(headers: HeaderSource, trustedHops: number): string | null {
  const peer = normalise(headers?.get(PEER_ADDRESS_HEADER));
  if (trustedHops <= 0) return peer;
  const forwarded = (headers?.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const chain = peer ? [...forwarded, peer] : forwarded;
  const hop = chain[chain.length - 1 - trustedHops] ?? chain[0];
  return normalise(hop);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The server-assigned request id, or null when the request did not pass through the server's hook (tests). */
export function serverRequestId(headers: HeaderSource): string | null {
  const id = headers?.get(REQUEST_ID_HEADER);
  return id && UUID.test(id) ? id : null;
}
