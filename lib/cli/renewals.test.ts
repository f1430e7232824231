// `npm run renewals` as cron runs it: a separate process on DATABASE_URL. It starts (it renders emails, so
// it loads the translator under the react-server condition), applies a scheduled payment-mode switch at the
// time of the test-only clock (TEST_CLOCK_FILE, lib/clock.ts) before that day's renewals, and a second run
// applies nothing again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDatabase } from "@/db/client";
import { listSwitches, scheduleSwitch } from "@/db/scheduled-switches";
import { seedDemoData } from "@/db/seed";
import { zurichDate } from "@/lib/billing/period";
import { META } from "@/lib/testing/billing";
import { runCli } from "@/lib/testing/cli";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, readPartnership, userId } from "@/lib/testing/demo";

vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

describe.each(enginesUnderTest())("npm run renewals on %s", (engine) => {
  let t: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-renewals-"));
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    setDatabase(undefined);
    await t.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("applies a due scheduled switch once, at the test clock's date", { timeout: 120_000 }, async () => {
    const pid = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    const date = new Date(Date.parse(`${zurichDate(new Date())}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
    const p = await readPartnership(pid);
    const actor = { userId: await userId("claire@helvetia-bakery.test"), orgId: await orgId("Helvetia Bakery SA"), name: "Claire Dubois" };
    expect((await scheduleSwitch({ partnershipId: pid, expectedVersion: p.version, paymentMode: "partner", effectiveDate: date, actor, meta: META })).kind).toBe("scheduled");

    const clock = path.join(dir, "now");
    fs.writeFileSync(clock, `${date}T00:30:00+01:00`);
    vi.stubEnv("TEST_CLOCK_FILE", clock);
    const first = await runCli("lib/cli/renewals.ts", [], t.url);
    expect(first.stdout).toContain("Scheduled switches: 1 applied, 0 dropped");
    expect(first.code).toBe(0);
    expect((await readPartnership(pid)).paymentMode).toBe("partner");
    const second = await runCli("lib/cli/renewals.ts", [], t.url);
    expect(second.stdout).toContain("Scheduled switches: 0 applied, 0 dropped");
    expect((await listSwitches({ partnershipId: pid })).map((s) => s.status)).toEqual(["applied"]);
  });
});
