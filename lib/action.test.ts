// The server-action wrapper: session first, then input, then the body; errors never escape as a 500.
import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Viewer } from "./session";

const state = vi.hoisted(() => ({ viewer: null as Viewer | null, acceptLanguage: null as string | null }));
const recordRefusal = vi.hoisted(() => vi.fn(async () => {}));
vi.mock("@/lib/session", () => ({ getViewer: async () => state.viewer }));
vi.mock("@/lib/request", () => ({
  getRequestMeta: async () => ({ requestId: "req-1", ip: "192.0.2.1", userAgent: "ua" }),
  getAcceptLanguage: async () => state.acceptLanguage,
}));
vi.mock("@/db/audit", () => ({ recordRefusal }));

const { SESSION_EXPIRED, UNEXPECTED, defineAction, defineFormAction, fieldErrorsOf } = await import("./action");

const schema = z.object({ name: z.string().min(2, "labelTooShort"), nested: z.object({ n: z.number({ error: "missingVersion" }) }) });
const CLAIRE: Viewer = {
  id: "u-claire", sessionId: "s-claire", name: "Claire Dubois", email: "claire@helvetia-bakery.test", isAuditor: false, locale: "en", localeChosen: true,
  memberships: [], current: { orgId: "o-helvetia", orgName: "Helvetia Bakery SA", role: "legal_representative", orgIsPartner: false },
};

describe("fieldErrorsOf", () => {
  it("maps issues to dotted field paths, first message per field, root issues to 'form'", () => {
    const r = z.object({ a: z.string().min(3, "first").regex(/x/, "second"), b: z.object({ c: z.array(z.number()) }) })
      .safeParse({ a: "y", b: { c: [1, "two"] } });
    expect(r.success).toBe(false);
    expect(fieldErrorsOf(r.error!)).toEqual({ a: ["first"], "b.c.1": [expect.any(String)] });
    const root = z.object({ a: z.string() }).safeParse(null);
    expect(Object.keys(fieldErrorsOf(root.error!))).toEqual(["form"]);
  });
});

describe("defineAction", () => {
  const body = vi.fn(async (input: z.output<typeof schema>) => ({ ok: true as const, message: `hello ${input.name}` }));
  const action = defineAction({ schema, refusedKind: "payment_mode.refused" }, body);

  beforeEach(() => {
    state.viewer = CLAIRE;
    state.acceptLanguage = null;
    body.mockClear();
    recordRefusal.mockClear();
  });

  it("runs the body with the parsed input and the viewer", async () => {
    expect(await action({ name: "Ada", nested: { n: 1 }, extra: "dropped" })).toEqual({ ok: true, message: "hello Ada" });
    expect(body).toHaveBeenCalledWith({ name: "Ada", nested: { n: 1 } }, expect.objectContaining({ viewer: CLAIRE }));
  });

  it("refuses without a session before looking at the input", async () => {
    state.viewer = null;
    expect(await action({ name: "Ada", nested: { n: 1 } })).toEqual({ ok: false, message: SESSION_EXPIRED });
    expect(body).not.toHaveBeenCalled();
    expect(recordRefusal).not.toHaveBeenCalled();
  });

  it("refuses bad input with field errors and audits field names, never values", async () => {
    const result = await action({ name: "s3cret-X", nested: { n: "1" }, partnershipId: "p-1" });
    expect(result).toEqual({ ok: false, message: "Check the highlighted fields.", fieldErrors: { "nested.n": ["Missing version."] } });
    expect(body).not.toHaveBeenCalled();
    expect(recordRefusal).toHaveBeenCalledTimes(1);
    const [event] = recordRefusal.mock.calls[0] as unknown as [Record<string, unknown>];
    expect(event).toMatchObject({
      kind: "payment_mode.refused", reason: "invalid_input: nested", actorUserId: "u-claire", actorOrgId: "o-helvetia",
      partnershipId: "p-1", meta: { requestId: "req-1" },
    });
    expect(JSON.stringify(event)).not.toContain("s3cret");
  });

  it("answers in the caller's language: messages and field errors from the zod keys", async () => {
    state.viewer = { ...CLAIRE, locale: "fr-CH" };
    const result = await action({ name: "A", nested: { n: 1 } });
    expect(result).toEqual({ ok: false, message: "Vérifiez les champs signalés.", fieldErrors: { name: ["Saisissez un nom d’au moins 2 caractères."] } });
  });

  it("words zod's own English messages generically, never leaking them", async () => {
    state.viewer = { ...CLAIRE, locale: "de-CH" };
    expect(await action({ name: 42, nested: { n: 1 } })).toEqual({ ok: false, message: "Prüfen Sie die markierten Felder.", fieldErrors: { name: ["Dieser Wert ist ungültig."] } });
  });

  it("tells a signed-out visitor in the browser's language", async () => {
    state.viewer = null;
    state.acceptLanguage = "it-CH,it;q=0.9,en;q=0.5";
    expect(await action({ name: "Ada", nested: { n: 1 } })).toEqual({ ok: false, message: "La sessione è scaduta. Acceda di nuovo." });
  });

  it.each([null, undefined, [], "text"])("refuses non-object input %s without throwing", async (raw) => {
    expect(await action(raw)).toMatchObject({ ok: false, fieldErrors: { form: [expect.any(String)] } });
    expect(body).not.toHaveBeenCalled();
  });

  it("refuses FormData, whose entries are not fields of the object", async () => {
    const form = new FormData();
    form.append("name", "Ada");
    expect(await action(form)).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)] } });
    expect(body).not.toHaveBeenCalled();
  });

  it("turns an unexpected error into a generic failure", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    body.mockRejectedValueOnce(new Error("connection reset"));
    expect(await action({ name: "Ada", nested: { n: 1 } })).toEqual({ ok: false, message: UNEXPECTED });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("lets Next's redirects through", async () => {
    body.mockImplementationOnce(async () => redirect("/login"));
    await expect(action({ name: "Ada", nested: { n: 1 } })).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});

describe("defineAction on hostile shapes", () => {
  const body = vi.fn(async () => ({ ok: true as const, message: "done" }));
  const action = defineAction({ schema: z.object({ id: z.string() }), refusedKind: "payment_mode.refused" }, body);
  beforeEach(() => {
    state.viewer = CLAIRE;
    body.mockClear();
    recordRefusal.mockClear();
  });

  it.each([
    ["NUL in a field", { id: "\u0000" }],
    ["a lone surrogate in a field name", { ["\ud800"]: "x", id: "a" }],
    ["5,000-deep nesting", (() => { let v: unknown = 1; for (let i = 0; i < 5000; i++) v = [v]; return { id: "a", extra: v }; })()],
    ["an object that throws when read", new Proxy({}, { ownKeys() { throw new Error("temporary reference"); } })],
  ])("refuses %s as a whole, audited as invalid_input: form, without running the body", async (_, raw) => {
    const result = await action(raw);
    expect(result).toMatchObject({ ok: false, fieldErrors: { form: [expect.any(String)] } });
    expect(body).not.toHaveBeenCalled();
    expect(recordRefusal).toHaveBeenCalledWith(expect.objectContaining({ reason: "invalid_input: form" }));
  });
});

describe("defineFormAction", () => {
  const body = vi.fn(async (input: { orgId: string }) => `switched to ${input.orgId}`);
  const action = defineFormAction({ schema: z.object({ orgId: z.string().min(1) }), invalid: "invalid" }, body);
  const form = (entries: [string, string | Blob][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };
  beforeEach(() => { body.mockClear(); });

  it("parses the last argument's fields (useActionState passes the previous state first)", async () => {
    expect(await action(form([["orgId", "o-1"]]))).toBe("switched to o-1");
    expect(await action({ message: "previous state" }, form([["orgId", "o-2"], ["$ACTION_KEY", "k"]]))).toBe("switched to o-2");
  });

  it.each([
    ["no argument", []],
    ["a JSON object", [{ orgId: "o-1" }]],
    ["a string", ["orgId=o-1"]],
    ["a file", [form([["orgId", new Blob(["x"])]])]],
    ["a repeated field", [form([["orgId", "a"], ["orgId", "b"]])]],
    ["a field failing the schema", [form([["orgId", ""]])]],
    ["NUL in a field", [form([["orgId", "\u0000"]])]],
  ])("answers %s with the invalid result, without running the body", async (_, args) => {
    expect(await action(...args)).toBe("invalid");
    expect(body).not.toHaveBeenCalled();
  });
});
