// Records a camt.054 notification's transactions: credits pay the unpaid invoice their QR reference names
// (in full, in its currency), debits mark paid the withdrawal their end-to-end id names. Each transaction
// is remembered under the bank's reference (bank_payments, unique) in the same transaction as its effect,
// so importing the same file twice, or two imports at once, changes nothing the second time.
import "server-only";
import { and, eq } from "drizzle-orm";
import type { CamtTransaction } from "@/lib/billing/camt054";
import { isValidQrReference } from "@/lib/billing/references";
import { newId } from "@/lib/ids";
import type { RequestMeta } from "./audit";
import { getDatabase, type Tx } from "./client";
import { findInvoiceByQrReference, recordBankPayment } from "./invoice-payments";
import { markWithdrawalPaid } from "./prepaid";

export type ImportOutcome =
  | { kind: "invoice_paid"; invoiceNumber: string }
  | { kind: "withdrawal_paid"; reference: string }
  | { kind: "unmatched"; reason: "unknown_reference" | "no_reference" | "already_paid" | "amount_differs" | "currency_differs" }
  | { kind: "already_imported" };

export type ImportReport = { transaction: CamtTransaction; outcome: ImportOutcome }[];

class AlreadyImported extends Error {}

const at = (t: CamtTransaction, now: Date) => (t.bookedOn && /^\d{4}-\d{2}-\d{2}$/.test(t.bookedOn) ? new Date(`${t.bookedOn}T12:00:00Z`) : now);

async function decide(tx: Tx, t: CamtTransaction, now: Date, meta: RequestMeta): Promise<{ outcome: ImportOutcome; invoiceId?: string; withdrawalId?: string }> {
  if (t.direction === "debit") {
    if (!t.endToEndId) return { outcome: { kind: "unmatched", reason: "no_reference" } };
    const w = await markWithdrawalPaid(tx, { reference: t.endToEndId, amountMinor: t.amountMinor, paidAt: at(t, now), meta });
    if (w) return { outcome: { kind: "withdrawal_paid", reference: w.reference }, withdrawalId: w.id };
    const { withdrawals } = getDatabase().schema;
    const [known] = await tx.select({ status: withdrawals.status, amountMinor: withdrawals.amountMinor }).from(withdrawals).where(eq(withdrawals.reference, t.endToEndId));
    const reason = !known ? "unknown_reference" : known.status === "paid" ? "already_paid" : "amount_differs";
    return { outcome: { kind: "unmatched", reason } };
  }
  if (!t.reference || !isValidQrReference(t.reference)) return { outcome: { kind: "unmatched", reason: t.reference ? "unknown_reference" : "no_reference" } };
  const invoice = await findInvoiceByQrReference(tx, t.reference);
  if (!invoice) return { outcome: { kind: "unmatched", reason: "unknown_reference" } };
  if (invoice.currency !== t.currency) return { outcome: { kind: "unmatched", reason: "currency_differs" }, invoiceId: invoice.id };
  if (invoice.totalMinor !== t.amountMinor) return { outcome: { kind: "unmatched", reason: "amount_differs" }, invoiceId: invoice.id };
  if (invoice.status !== "unpaid" || !(await recordBankPayment(tx, { invoice, paidAt: at(t, now), bankReference: t.bankReference, meta }))) {
    return { outcome: { kind: "unmatched", reason: "already_paid" }, invoiceId: invoice.id };
  }
  return { outcome: { kind: "invoice_paid", invoiceNumber: invoice.number }, invoiceId: invoice.id };
}

export async function importBankTransactions(transactions: CamtTransaction[], { now = new Date(), meta }: { now?: Date; meta: RequestMeta }): Promise<ImportReport> {
  const { transaction, db, schema } = getDatabase();
  const { bankPayments } = schema;
  const report: ImportReport = [];
  for (const t of transactions) {
    const [seen] = await db.select({ id: bankPayments.id }).from(bankPayments)
      .where(and(eq(bankPayments.bankReference, t.bankReference), eq(bankPayments.direction, t.direction))).limit(1);
    if (seen) {
      report.push({ transaction: t, outcome: { kind: "already_imported" } });
      continue;
    }
    try {
      const outcome = await transaction(async (tx) => {
        const d = await decide(tx, t, now, meta);
        const inserted = await tx.insert(bankPayments).values({
          id: newId(), bankReference: t.bankReference, direction: t.direction, amountMinor: t.amountMinor, currency: t.currency,
          reference: t.direction === "credit" ? t.reference : t.endToEndId, bookedOn: t.bookedOn,
          outcome: d.outcome.kind === "unmatched" ? "unmatched" : d.outcome.kind === "invoice_paid" ? "invoice_paid" : "withdrawal_paid",
          detail: d.outcome.kind === "unmatched" ? d.outcome.reason : null,
          invoiceId: d.invoiceId ?? null, withdrawalId: d.withdrawalId ?? null, importedAt: now,
        }).onConflictDoNothing().returning({ id: bankPayments.id });
        // A concurrent import recorded this transaction first: undo whatever this one did.
        if (inserted.length === 0) throw new AlreadyImported();
        return d.outcome;
      });
      report.push({ transaction: t, outcome });
    } catch (error) {
      if (!(error instanceof AlreadyImported)) throw error;
      report.push({ transaction: t, outcome: { kind: "already_imported" } });
    }
  }
  return report;
}
