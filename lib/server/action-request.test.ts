// The proxy's verdict on server-action requests (a pure function of method, headers and body).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkActionHeaders, checkActionRequest, isActionRequest, MAX_ACTION_BODY_BYTES } from "./action-request";

const ID = "7f949695d9b3c16797d6c91c66c6fc6769073b3aa5";
const headers = (h: Record<string, string>) => new Headers({ host: "manager.example.com", origin: "https://manager.example.com", ...h });
const json = (h: Record<string, string> = {}) => headers({ "next-action": ID, "content-type": "text/plain;charset=UTF-8", ...h });
const form = (h: Record<string, string> = {}) => headers({ "content-type": "multipart/form-data; boundary=x", ...h });

describe("isActionRequest", () => {
  it("is a POST to a page with an action header or a form body, never an API route or a GET", () => {
    expect(isActionRequest("POST", "/partners", json())).toBe(true);
    expect(isActionRequest("POST", "/login", form())).toBe(true);
    expect(isActionRequest("GET", "/partners", json())).toBe(false);
    expect(isActionRequest("POST", "/api/auth/callback/credentials", form())).toBe(false);
    expect(isActionRequest("POST", "/partners", headers({ "content-type": "text/plain" }))).toBe(false);
  });
});

describe("checkActionRequest", () => {
  it.each([
    ["an object argument", '[{"partnershipId":"p-1","paymentMode":"partner","version":3,"idempotencyKey":"k"}]'],
    ["escaped dollars, undefined, dates and special numbers", '[{"a":"$$T","b":"$undefined","c":"$D2026-01-01T00:00:00.000Z","d":"$-0","e":"$NaN","f":"$n12"}]'],
    ["no argument", "[]"],
    ["text with NUL and lone surrogates (left to the action to refuse)", '[{"id":"\\u0000\\ud800"}]'],
  ])("lets through what React's client sends: %s", (_, body) => {
    expect(checkActionRequest(json(), body)).toEqual({ ok: true });
  });

  it("lets through the sign-in form as the browser posts it, and a form posted before JavaScript loaded", () => {
    const withJs: [string, string][] = [
      ["_1_$ACTION_REF_1", ""], ["_1_$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`], ["_1_$ACTION_1:1", "[null]"],
      ["_1_$ACTION_KEY", "k1"], ["_1_email", "claire@helvetia-bakery.test"], ["_1_password", "manager-demo"], ["0", '[null,"$K1"]'],
    ];
    expect(checkActionRequest(form({ "next-action": ID }), withJs)).toEqual({ ok: true });
    const noJs: [string, string][] = [[`$ACTION_ID_${ID}`, ""], ["orgId", "o-1"]];
    expect(checkActionRequest(form(), noJs)).toEqual({ ok: true });
  });

  it.each([
    ["invalid JSON", "{{", 400],
    ["arguments that are not an array", '{"a":1}', 400],
    ["a temporary reference", '["$T"]', 400],
    ["a server reference", '[{"x":"$F1"}]', 400],
    ["a promise reference outside a form", '["$@1"]', 400],
    ["a Map reference", '["$Q2"]', 400],
    ["5,000-deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`, 400],
    ["a body over 1 MB", JSON.stringify(["x".repeat(MAX_ACTION_BODY_BYTES)]), 413],
  ])("refuses %s", (_, body, status) => {
    expect(checkActionRequest(json(), body)).toMatchObject({ ok: false, status });
  });

  it.each([
    ["a foreign origin", json({ origin: "https://evil.example" }), 403],
    ["the null origin", json({ origin: "null" }), 403],
    ["an origin on another port", json({ origin: "https://manager.example.com:8443" }), 403],
    ["a malformed action id", json({ "next-action": "../x" }), 400],
    ["a declared body over 1 MB", json({ "content-length": String(MAX_ACTION_BODY_BYTES + 1) }), 413],
    ["an unexpected content type", json({ "content-type": "application/json" }), 400],
  ])("refuses %s from its headers", (_, h, status) => {
    expect(checkActionHeaders(h)).toMatchObject({ ok: false, status });
  });

  it("accepts the origin of the host a proxy forwarded, and a request without an origin", () => {
    expect(checkActionHeaders(json({ host: "10.0.0.5:3000", "x-forwarded-host": "manager.example.com" }))).toEqual({ ok: true });
    const noOrigin = new Headers({ host: "manager.example.com", "next-action": ID, "content-type": "text/plain" });
    expect(checkActionHeaders(noOrigin)).toEqual({ ok: true });
  });

  it.each([
    ["a file", [["0", "[]"], ["_1_f", new Blob(["x"])]]],
    ["no arguments field", [["_1_x", "y"]]],
    ["arguments that are not an array", [["0", '{"a":1}']]],
    ["a promise reference in the arguments", [["0", '["$@1"]']]],
  ] as [string, [string, FormDataEntryValue][]][])("refuses a multipart action body with %s", (_, entries) => {
    expect(checkActionRequest(form({ "next-action": ID }), entries)).toMatchObject({ ok: false, status: 400 });
  });

  it("never throws, whatever the body", () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.json(), fc.jsonValue().map((v) => JSON.stringify([v]))), (body) => {
      const verdict = checkActionRequest(json(), body);
      expect([true, false]).toContain(verdict.ok);
    }), { numRuns: 3000 });
  });
});
