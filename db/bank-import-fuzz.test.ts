// The camt.054 import fuzzed (fast-check) on every engine: a bank file comes from outside, and the
// operator's `npm run payments:import` must either refuse it with a reason (CamtError) or import it.
// Hostile text goes into every field the import reads (bank references, QR references, end-to-end ids,
// currencies, booking dates), written plainly or as XML character references, including those XML 1.0
// forbids (NUL, other controls, surrogates, beyond U+10FFFF). A file that parses imports without a
// throw, reports every transaction, and leaves the audit chain verifiable; no invoice or withdrawal
// changes, since no reference names one.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CamtError, parseCamt054 } from "@/lib/billing/camt054";
import { META } from "@/lib/testing/billing";
import { buildCamt054, type CamtEntrySpec } from "@/lib/testing/camt054";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { fingerprint } from "@/lib/testing/fingerprint";
import { verifyAuditChain } from "./audit-verify";
import { importBankTransactions } from "./bank-import";
import { seedDemoData } from "./seed";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000) / 10;

// Character references put into the file as they are (the builder escapes "&" in the text it is given).
const CHAR_REFS = ["&#0;", "&#x1;", "&#xB;", "&#x1F;", "&#xD800;", "&#xDFFF;", "&#xFFFE;", "&#xFFFF;", "&#x110000;", "&#99999999999;", "&#65;", "&#x1F600;"];
const piece = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("\u0000", "\u0001", "\u000b", "\ud800", "\ufffe", "]]>", "<!--", "'; DROP TABLE invoices; --", "x".repeat(500), "NOTPROVIDED"),
  fc.integer({ min: 0, max: CHAR_REFS.length - 1 }).map((i) => `\u00a7${i}\u00a7`),
);
const hostile = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(""));
// Mostly plain values, so that most files parse and their transactions reach the database.
const field = fc.oneof({ arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{1,24}$/), weight: 3 }, { arbitrary: hostile, weight: 1 });

const entry: fc.Arbitrary<CamtEntrySpec> = fc.record({
  bankReference: field,
  direction: fc.constantFrom("credit", "debit"),
  // Up to the format's 15 digits: beyond an integer's range is a real bank's amount too.
  amountMinor: fc.oneof(fc.integer({ min: 0, max: 10 ** 7 }), fc.integer({ min: 2 ** 31 - 3, max: 2 ** 31 + 3 }), fc.constant(99_999_999_999_999)),
  currency: fc.oneof({ arbitrary: fc.constantFrom("CHF", "EUR"), weight: 3 }, { arbitrary: hostile, weight: 1 }),
  qrReference: fc.option(fc.oneof(field, fc.constant("210000000003139471430009017")), { nil: undefined }),
  endToEndId: fc.option(field, { nil: undefined }),
  bookedOn: fc.option(fc.oneof(hostile, fc.constant("2026-03-09")), { nil: undefined }),
});

const file = fc.array(entry, { minLength: 1, maxLength: 3 }).map((entries) =>
  buildCamt054({ entries }).replace(/\u00a7(\d+)\u00a7/g, (_, i: string) => CHAR_REFS[Number(i)]!));

describe.each(enginesUnderTest())("camt.054 import fuzzed on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => t?.dispose());

  it(`refuses or imports ${RUNS} hostile files, never throws otherwise, and pays nothing no reference names`, { timeout: 300_000 }, async () => {
    const before = await fingerprint();
    let imported = 0;
    await fc.assert(fc.asyncProperty(file, async (xml) => {
      let transactions;
      try {
        ({ transactions } = parseCamt054(xml));
      } catch (error) {
        expect(error).toBeInstanceOf(CamtError);
        return;
      }
      const report = await importBankTransactions(transactions, { meta: META });
      expect(report).toHaveLength(transactions.length);
      for (const { outcome } of report) expect(["unmatched", "already_imported"]).toContain(outcome.kind);
      imported += transactions.length;
    }), { numRuns: RUNS });
    // Some files must get through, or the property says nothing about the import.
    expect(imported).toBeGreaterThan(0);
    const after = await fingerprint();
    const { bankPayments, ...rest } = after;
    const { bankPayments: bankBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(bankPayments!.length - bankBefore!.length).toBeLessThanOrEqual(imported);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
