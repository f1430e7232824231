// Every exported server action, fuzzed in-process with hostile arguments (issue #8, point 5), on every
// engine: 2,000+ arguments per action, signed in as users who may act (so the input reaches the
// data layer). No argument may throw (other than Next's redirect), answer "something went wrong",
// log an error, or change a business row; the audit trail stays bounded (repeats are counted) and
// its chain verifies. The HTTP side (undecodable bodies, 400/403/413) is e2e/hostile-requests.spec.ts.
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/db/audit-verify";
import { seedDemoData } from "@/db/seed";
import { UNEXPECTED } from "@/lib/action";
import { serverActionFiles } from "@/lib/testing/app-modules";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, orgId, userId } from "@/lib/testing/demo";
import { fingerprint } from "@/lib/testing/fingerprint";
import { actAs } from "@/lib/testing/request-stub";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
// Sign-in and sign-out are next-auth's (which does not load outside Next); here only the arguments
// that reach them matter: sign-in answers every attempt as wrong credentials.
vi.mock("next-auth", () => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError { code = "credentials"; }
  return { AuthError, CredentialsSignin };
});
vi.mock("@/lib/auth", async () => {
  const { CredentialsSignin } = await import("next-auth");
  return { signIn: vi.fn(async () => { throw new CredentialsSignin(); }), signOut: vi.fn(async () => {}) };
});
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: vi.fn() }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);

/** Exported async functions of every "use server" module under app/, by `<file>#<name>`. */
async function serverActions(): Promise<[string, (...args: unknown[]) => Promise<unknown>][]> {
  const out: [string, (...args: unknown[]) => Promise<unknown>][] = [];
  for (const file of serverActionFiles()) {
    const mod = (await import(path.resolve(file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") out.push([`${file}#${name}`, value as (...args: unknown[]) => Promise<unknown>]);
    }
  }
  return out;
}

// Every field name any action reads, plus names that attack objects themselves.
const FIELDS = [
  "partnershipId", "version", "paymentMode", "access", "productIds", "password", "token", "partnerOrgId", "offer", "label",
  "customerOrgId", "productId", "renewalDate", "amount", "notificationId", "idempotencyKey", "email", "orgId", "next", "effectiveDate",
  "__proto__", "constructor", "prototype", "toString", "then", "0", "$ACTION_ID_00",
];
const unit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit, maxLength: 20 }),
  fc.constantFrom(
    "", " ", "\u0000", "\u0000\u0001", "\ud800", "$T", "$@1", "$F1", "$K1", "$Q1", "$$", "__proto__", "constructor",
    "'; DROP TABLE audit_events; --", "../../etc/passwd", "NaN", "1e309", "-1", "0", "1.5", "1'000.50", "full", "limited",
    "customer", "partner", "2026-02-30", "2026-12-24", "2099-01-01", "x".repeat(70), "x".repeat(100_000), "00000000-0000-4000-8000-000000000000",
  ),
);
const nested = fc.integer({ min: 30, max: 5_000 }).map((depth) => {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { partnershipId: v };
  return v;
});
const throwing = fc.constant(null).map(() => new Proxy({}, {
  get() { throw new Error("temporary client reference"); },
  ownKeys() { throw new Error("temporary client reference"); },
}));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString, hostileString,
  fc.double(), fc.integer(), fc.constantFrom(0, -0, 1, 2 ** 31, 2 ** 53, Number.NaN, Infinity, -Infinity, 1e308, 0.1),
  fc.bigInt(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date(),
  fc.anything({ maxDepth: 3 }), fc.array(hostileString, { maxLength: 300 }), nested, throwing,
);
const shaped = fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 8 });
const nullProto = shaped.map((o) => Object.assign(Object.create(null) as object, o));
const formData = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), hostileString), fc.oneof(hostileString, fc.constant(null))), { maxLength: 8 })
  .map((entries) => {
    const form = new FormData();
    for (const [k, v] of entries) form.append(k, v === null ? new Blob(["file"]) : v);
    return form;
  });
const argumentLists: fc.Arbitrary<unknown[]> = fc.oneof(
  fc.tuple(shaped), fc.tuple(shaped), fc.tuple(nullProto), fc.tuple(hostileValue), fc.tuple(formData),
  fc.tuple(hostileValue, formData), fc.tuple(hostileValue, shaped), fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
);

/** What an action call may do besides answering: Next's redirect (sign-in, organization switch) is control flow. */
function isNextControlFlow(error: unknown): boolean {
  return String((error as { digest?: string })?.digest ?? "").startsWith("NEXT_REDIRECT");
}

describe.each(enginesUnderTest())("server actions fuzzed on %s", (engine) => {
  let t: TestDatabase;
  let users: { userId: string; orgId: string }[];
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    users = [
      { userId: await userId("claire@helvetia-bakery.test"), orgId: await orgId("Helvetia Bakery SA") },
      { userId: await userId("marc@alpine-web.test"), orgId: await orgId("Alpine Web Studio") },
    ];
  });
  afterAll(async () => { await t.dispose(); });

  it(`answers ${RUNS} hostile arguments per action without a throw, an error log or a change`, { timeout: 600_000 }, async () => {
    const actions = await serverActions();
    expect(actions.length).toBeGreaterThanOrEqual(16);
    const errors = vi.spyOn(console, "error");
    const before = await fingerprint();
    const eventsBefore = await countAuditEvents();
    let calls = 0;
    // On PostgreSQL eight calls at a time (one user per batch: the request stub is shared), so that
    // commits overlap; SQLite runs one writer at a time anyway. fast-check still drives and shrinks.
    const BATCH = engine === "postgres" ? 8 : 1;
    const call = async (name: string, action: (...args: unknown[]) => Promise<unknown>, args: unknown[]) => {
      calls++;
      let result: unknown;
      try {
        result = await action(...args);
      } catch (error) {
        if (isNextControlFlow(error)) return;
        throw new Error(`${name} threw: ${String(error)}`);
      }
      expect((result as { message?: string } | undefined)?.message, name).not.toBe(UNEXPECTED);
      expect((result as { ok?: boolean } | undefined)?.ok, name).not.toBe(true);
    };
    for (const [name, action] of actions) {
      await fc.assert(fc.asyncProperty(fc.array(argumentLists, { minLength: BATCH, maxLength: BATCH }), fc.nat(users.length - 1), async (batch, who) => {
        actAs(users[who]!.userId, users[who]!.orgId);
        await Promise.all(batch.map((args) => call(name, action, args)));
      }), { numRuns: Math.ceil(RUNS / BATCH), seed: 20_260_408 });
    }
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(await fingerprint()).toEqual(before);
    // Every refusal is on record, and repeats are counted rather than appended: the trail stays small.
    expect(await countAuditEvents() - eventsBefore).toBeLessThan(calls / 20);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
