// Withdrawals through the action, in the caller's language: precise amount errors (malformed, above the
// maximum, above the balance), no payout account, and a request that debits once and records where it goes.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { balanceOf } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/session";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { requestWithdrawal } = await import("./actions");
const chf = (minor: number) => `CHF\u00a0${(minor / 100).toFixed(2)}`;

describe.each(enginesUnderTest())("requestWithdrawal on %s", (engine) => {
  let t: TestDatabase;
  let alpine: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    alpine = await orgId("Alpine Web Studio");
  });
  afterAll(async () => { await t.dispose(); });

  it("tells Marc, in German, exactly what is wrong with an amount, and changes nothing", async () => {
    await signInAs("marc@alpine-web.test");
    const balance = await balanceOf(alpine);
    const field = async (amount: string) => (await requestWithdrawal({ amount })) as { ok: false; fieldErrors?: Record<string, string[]> };
    expect((await field("99999999")).fieldErrors?.amount).toEqual(["Das ist mehr als das Maximum einer Auszahlung (1’000’000.00)."]);
    expect((await field("abc")).fieldErrors?.amount).toEqual(["Geben Sie einen Betrag wie 25, 25.50 oder 1’000.50 ein."]);
    expect((await field("1.000")).fieldErrors?.amount?.[0]).toMatch(/Tausender/);
    expect((await field("0")).fieldErrors?.amount).toHaveLength(1);
    // Above the balance (but a valid amount): the balance is named.
    expect(await requestWithdrawal({ amount: "9'000" })).toMatchObject({
      ok: false, fieldErrors: { amount: [`Das Guthaben beträgt ${chf(balance)}: Sie können höchstens diesen Betrag beziehen.`] },
    });
    expect(await balanceOf(alpine)).toBe(balance);
  });

  it("records a requested withdrawal to Alpine's account and says where it goes", async () => {
    await signInAs("marc@alpine-web.test");
    const balance = await balanceOf(alpine);
    const r = await requestWithdrawal({ amount: "1.50" });
    expect(r).toEqual({
      ok: true, balanceMinor: balance - 150,
      message: `Auszahlung von CHF\u00a01.50 auf CH93 0076 2011 6238 5295 7 beantragt. Neues Guthaben: ${chf(balance - 150)}. Sie erscheint als ausbezahlt, sobald die Bank sie überwiesen hat.`,
    });
    const { db, schema } = getDatabase();
    const rows = await db.select().from(schema.withdrawals).where(eq(schema.withdrawals.partnerOrgId, alpine));
    expect(rows.filter((w) => w.status === "requested")).toMatchObject([{ amountMinor: 150, iban: "CH9300762011623852957", currency: "CHF" }]);
  });

  it("refuses an amount typed in another currency than the account's, debiting nothing; the account's or none still works", async () => {
    await signInAs("marc@alpine-web.test");
    const { db, schema } = getDatabase();
    const withdrawals = async () => (await db.select().from(schema.withdrawals).where(eq(schema.withdrawals.partnerOrgId, alpine))).length;
    const [balance, count] = [await balanceOf(alpine), await withdrawals()];
    const refused = "Das Konto lautet auf CHF: Geben Sie den Betrag in CHF ein.";
    for (const amount of ["EUR 5", "5 eur", "EUR\u00a01.00"]) {
      expect(await requestWithdrawal({ amount })).toEqual({ ok: false, message: refused, fieldErrors: { amount: [refused] } });
    }
    expect([await balanceOf(alpine), await withdrawals()]).toEqual([balance, count]);
    expect(await requestWithdrawal({ amount: "CHF 1.00" })).toMatchObject({ ok: true, balanceMinor: balance - 100 });
    expect(await requestWithdrawal({ amount: "0.50 chf" })).toMatchObject({ ok: true, balanceMinor: balance - 150 });
    expect(await requestWithdrawal({ amount: "0.25" })).toMatchObject({ ok: true, balanceMinor: balance - 175 });
    expect([await balanceOf(alpine), await withdrawals()]).toEqual([balance - 175, count + 3]);
    // An account in EUR: a CHF amount is refused the same way.
    await signInAs("jonas@isar-web.test");
    expect(await requestWithdrawal({ amount: "CHF 10" })).toMatchObject({ ok: false, fieldErrors: { amount: ["Das Konto lautet auf EUR: Geben Sie den Betrag in EUR ein."] } });
  });

  it("asks for a payout account first (Ines, English), and refuses the partner's administrator (German)", async () => {
    await signInAs("ines@jura-hosting.test");
    expect(await requestWithdrawal({ amount: "1.00" })).toEqual({ ok: false, message: "Add a bank account for withdrawals on the Organization page first." });
    await signInAs("elena@alpine-web.test");
    expect(await requestWithdrawal({ amount: "1.00" })).toEqual({ ok: false, message: "Nur die gesetzlichen Vertreter eines Partners können von seinem Prepaid-Konto auszahlen." });
  });
});
