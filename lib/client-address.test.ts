// Which address a request came from, for every proxy setting: X-Forwarded-For counts only as far as
// TRUSTED_PROXY_HOPS says, and the server's own peer header is the base of it all.
import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, REQUEST_ID_HEADER, serverRequestId } from "./client-address";

const h = (peer: string | null, xff?: string) =>
  new Headers({ ...(peer ? { [PEER_ADDRESS_HEADER]: peer } : {}), ...(xff !== undefined ? { "x-forwarded-for": xff } : {}) });

describe("clientAddress", () => {
  it.each([
    // [what, headers, hops, expected]
    ["no proxy: the TCP peer, whatever X-Forwarded-For says", h("198.51.100.7", "203.0.113.1, 10.0.0.1"), 0, "198.51.100.7"],
    ["no proxy and no forwarded header", h("198.51.100.7"), 0, "198.51.100.7"],
    ["no proxy: an IPv4-mapped IPv6 peer is shown as IPv4", h("::ffff:198.51.100.7"), 0, "198.51.100.7"],
    ["no proxy: an IPv6 peer", h("2001:db8::5"), 0, "2001:db8::5"],
    ["no proxy and no peer header (not from the server): unknown", h(null, "203.0.113.1"), 0, null],
    ["one proxy: the last forwarded hop, the client's own entries ignored", h("10.0.0.2", "6.6.6.6, 203.0.113.9"), 1, "203.0.113.9"],
    ["one proxy, no forwarded header (Next fills it with the peer)", h("10.0.0.2", "10.0.0.2"), 1, "10.0.0.2"],
    ["two proxies: the second hop from the right", h("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2"), 2, "203.0.113.9"],
    ["two proxies but one hop: the leftmost entry known", h("10.0.0.3", "203.0.113.9"), 2, "203.0.113.9"],
    ["spaces and empty entries are ignored", h("10.0.0.2", " , 203.0.113.9 ,"), 1, "203.0.113.9"],
    ["a hop that is not an address: unknown", h("10.0.0.2", "evil<script>"), 1, null],
    ["a peer that is not an address: unknown", h("not-an-ip"), 0, null],
  ] as const)("%s", (_what, headers, hops, expected) => {
    expect(clientAddress(headers, hops)).toBe(expected);
  });

  it("answers null without headers", () => {
    expect(clientAddress(undefined, 0)).toBeNull();
    expect(clientAddress(undefined, 2)).toBeNull();
  });

  it("cannot be moved by rotating X-Forwarded-For when no proxy is trusted", () => {
    const seen = new Set(Array.from({ length: 50 }, (_, i) => clientAddress(h("198.51.100.7", `203.0.113.${i}`), 0)));
    expect([...seen]).toEqual(["198.51.100.7"]);
  });
});

describe("serverRequestId", () => {
  it("takes only a UUID the server wrote; anything else is no id", () => {
    expect(serverRequestId(new Headers({ [REQUEST_ID_HEADER]: "0e9da7f8-ae0b-46af-947e-044fe189bfa3" }))).toBe("0e9da7f8-ae0b-46af-947e-044fe189bfa3");
    expect(serverRequestId(new Headers({ [REQUEST_ID_HEADER]: "forged; DROP TABLE" }))).toBeNull();
    expect(serverRequestId(new Headers({ "x-request-id": "0e9da7f8-ae0b-46af-947e-044fe189bfa3" }))).toBeNull();
    expect(serverRequestId(undefined)).toBeNull();
  });
});
