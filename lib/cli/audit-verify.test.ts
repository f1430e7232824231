// `npm run audit:verify` as an operator runs it: a separate process on DATABASE_URL, with its exit code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAuditEvent } from "@/db/audit";
import { getDatabase, setDatabase } from "@/db/client";
import { runCli } from "@/lib/testing/cli";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { tamper } from "@/lib/testing/tamper";

const runVerify = (url: string, args: string[] = []) => runCli("lib/cli/audit-verify.ts", args, url);

describe.each(enginesUnderTest())("npm run audit:verify on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    for (let i = 1; i <= 4; i++) {
      await getDatabase().transaction((tx) => insertAuditEvent(tx, {
        kind: "payment_mode.changed", outcome: "ok", actorUserId: "u1", actorOrgId: "o1", partnershipId: "p1",
        before: { paymentMode: "customer" }, after: { paymentMode: "partner" },
        meta: { requestId: `r${i}`, ip: "192.0.2.1", userAgent: "test" },
      }));
    }
  });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });

  it("says the chain is intact, prints the head as an anchor, and exits 0", { timeout: 60_000 }, async () => {
    const run = await runVerify(t.url);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Audit chain intact: 4 event(s) verified");
    expect(run.stdout).toMatch(/--anchor 4:[0-9a-f]{64}/);
    expect(run.code).toBe(0);
  });

  it("refuses a malformed anchor with exit 2", { timeout: 60_000 }, async () => {
    const run = await runVerify(t.url, ["--anchor", "4:nothex"]);
    expect(run.stderr).toContain("--anchor wants <seq>:<64 hex digits>");
    expect(run.code).toBe(2);
  });

  it("names the first broken link after a row is edited behind the app's back, and exits 1", { timeout: 60_000 }, async () => {
    const anchor = /--anchor (\S+)/.exec((await runVerify(t.url)).stdout)![1]!;
    await tamper(engine, t.url, "UPDATE audit_events SET actor_user_id = ? WHERE seq = ?", ["someone-else", 2]);
    const run = await runVerify(t.url, ["--anchor", anchor]);
    expect(run.stderr).toContain("Audit chain BROKEN at event #2");
    expect(run.stderr).toContain("hash_mismatch");
    expect(run.stderr).toContain("1 event(s) before it verified intact");
    expect(run.code).toBe(1);
  });
});
