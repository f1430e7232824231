// `npm run payments:import FILE`: reads an ISO 20022 camt.054 notification from the operator's bank and
// records what it says. Credits carrying a QR reference pay the invoice it names (in full and in its
// currency); debits whose end-to-end id names a withdrawal mark it paid out. Everything else is reported
// as unmatched, for a person to look at. Idempotent: importing the same file again changes nothing.
import fs from "node:fs";
import { getDatabase } from "@/db/client";
import { importBankTransactions, type ImportReport } from "@/db/bank-import";
import { CamtError, MAX_CAMT_BYTES, parseCamt054 } from "@/lib/billing/camt054";
import { env } from "@/lib/env";

function summary(report: ImportReport): string[] {
  const lines = report.map(({ transaction: t, outcome: o }) => {
    const amount = `${(t.amountMinor / 100).toFixed(2)} ${t.currency}`;
    const what = o.kind === "invoice_paid" ? `paid invoice ${o.invoiceNumber}`
      : o.kind === "withdrawal_paid" ? `paid out withdrawal ${o.reference}`
        : o.kind === "already_imported" ? "already imported, nothing changed"
          : `UNMATCHED (${o.reason.replace(/_/g, " ")})`;
    return `  ${t.direction === "credit" ? "credit" : "debit "} ${t.bankReference}  ${amount}  ${t.reference ?? t.endToEndId ?? "-"}: ${what}`;
  });
  const count = (kind: string) => report.filter((r) => r.outcome.kind === kind).length;
  return [...lines, `Payments: ${count("invoice_paid")} invoice(s) paid, ${count("withdrawal_paid")} withdrawal(s) paid out, ${count("unmatched")} unmatched, ${count("already_imported")} already imported.`];
}

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run payments:import FILE   (an ISO 20022 camt.054 XML file)");
  process.exit(2);
}
try {
  env();
  const stat = fs.statSync(file);
  if (stat.size > MAX_CAMT_BYTES) throw new CamtError(`the file is larger than ${MAX_CAMT_BYTES / 1024 / 1024} MB`);
  const notification = parseCamt054(fs.readFileSync(file, "utf8"));
  const report = await importBankTransactions(notification.transactions, {
    meta: { requestId: `payments-import:${notification.messageId}`.slice(0, 120), ip: null, userAgent: "payments-import" },
  });
  for (const line of summary(report)) console.log(line);
  await getDatabase().close();
} catch (error) {
  console.error(`Payments import failed: ${error instanceof Error ? error.message : String(error)}`);
  await getDatabase().close().catch(() => {});
  process.exit(1);
}
