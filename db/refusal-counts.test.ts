// Repeated identical refusals are counted on the first event of their window instead of being
// appended again (issue #8, point 6): the trail stays bounded under a flood of bad requests, the
// chain stays intact, and the console shows how many times each was attempted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, refusalCount } from "@/lib/testing/demo";
import { parseEventFilters } from "@/lib/validation/audit-filters";
import { recordRefusal, REFUSAL_WINDOW_MS } from "./audit";
import { listAuditEventsPage } from "./audit-events-list";
import { verifyAuditChain } from "./audit-verify";
import { setDatabase } from "./client";

const META = { requestId: "req-flood", ip: "198.51.100.7", userAgent: "fuzzer" };
// The start of a window, so that the tests' own timestamps never straddle two windows.
const T0 = new Date(Math.ceil(Date.now() / REFUSAL_WINDOW_MS) * REFUSAL_WINDOW_MS - 50 * REFUSAL_WINDOW_MS);
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(enginesUnderTest())("refusal counts on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await useTestDatabase(engine); });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });

  const refuse = (over: Partial<Parameters<typeof recordRefusal>[0]> = {}) => recordRefusal({
    kind: "payment_mode.refused", reason: "invalid_input: partnershipId", actorUserId: "u-flood", actorOrgId: "o-1",
    partnershipId: `forged-${Math.random()}`, meta: META, at: at(1000), ...over,
  });

  it("records 500 identical refusals as one event counted 500 times, and verifies", async () => {
    const before = await countAuditEvents();
    const results: { eventId: string; count: number }[] = [];
    for (let i = 0; i < 500; i++) results.push(await refuse({ at: at(1000 + i) }));
    expect(await countAuditEvents()).toBe(before + 1);
    expect(new Set(results.map((r) => r.eventId)).size).toBe(1);
    expect(results.at(-1)).toMatchObject({ count: 500 });
    expect(await refusalCount(results[0]!.eventId)).toBe(500);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    // The auditor's event list shows the one event with its count ("× 500").
    const listed = (await listAuditEventsPage(parseEventFilters({}), { limit: 1000 })).rows.filter((e) => e.id === results[0]!.eventId);
    expect(listed).toMatchObject([{ outcome: "refused", repeats: 500 }]);
  });

  it("counts concurrent identical refusals exactly, one event for all of them", async () => {
    const before = await countAuditEvents();
    const results = await Promise.all(Array.from({ length: 40 }, () => refuse({ reason: "role", at: at(2000) })));
    expect(await countAuditEvents()).toBe(before + 1);
    expect(await refusalCount(results[0]!.eventId)).toBe(40);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("keeps separate events for another reason, kind, actor, organization, window, or a real partnership", async () => {
    const before = await countAuditEvents();
    const base = { reason: "stale_version", at: at(3000) };
    await refuse(base);
    await refuse(base);
    await refuse({ ...base, reason: "not_found" });
    await refuse({ ...base, kind: "access.refused" });
    await refuse({ ...base, actorUserId: "u-other" });
    await refuse({ ...base, actorOrgId: "o-2" });
    await refuse({ ...base, at: at(3000 + REFUSAL_WINDOW_MS) });
    // Refusals attributed to existing partnerships (their organizations known) stay on each one's timeline.
    await refuse({ ...base, partnershipId: "p-real-1", customerOrgId: "o-1", partnerOrgId: "o-9" });
    await refuse({ ...base, partnershipId: "p-real-2", customerOrgId: "o-1", partnerOrgId: "o-9" });
    await refuse({ ...base, partnershipId: "p-real-2", customerOrgId: "o-1", partnerOrgId: "o-9" });
    expect(await countAuditEvents()).toBe(before + 8);
  });
});
