// Paying an invoice: from the partner's prepaid account (one transaction: debit, mark paid, audit), or by
// a bank transfer read from a camt.054 notification. An invoice is paid once, whatever races it.
import "server-only";
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import { invoiceQrReference } from "@/lib/billing/references";
import { INT32_MAX, type Currency } from "@/lib/domain";
import { newId } from "@/lib/ids";
import { insertAuditEvent, type RequestMeta } from "./audit";
import { getDatabase, type Tx } from "./client";
import { recordInvoicePayment } from "./invoices";
import { appendLedgerEntry } from "./prepaid";

export type PrepaidPaymentOutcome =
  | { kind: "paid"; number: string; totalMinor: number; currency: Currency; balanceMinor: number; entryId: string }
  | { kind: "not_found" }
  | { kind: "already_paid" }
  | { kind: "currency_mismatch"; invoiceCurrency: Currency; accountCurrency: Currency }
  | { kind: "insufficient"; balanceMinor: number; totalMinor: number; currency: Currency };

class Insufficient extends Error {
  constructor(readonly balanceMinor: number) { super("insufficient balance"); }
}

/**
 * Pays invoice `invoiceId`, issued to `partnerOrgId`, from that organization's prepaid account. In one
 * transaction: the invoice goes unpaid → paid (a conditional update: of two payments racing, the second
 * finds it paid), the balance is debited only if it covers the total (a conditional update: parallel
 * payments of several invoices cannot overdraw, and the CHECK constraint backs it up), the ledger gets
 * its entry, and the audit trail its event. Any refusal after the first write rolls everything back.
 */
export async function payInvoiceFromPrepaid(args: { invoiceId: string; partnerOrgId: string; actor: { userId: string; orgId: string }; meta: RequestMeta; at?: Date }): Promise<PrepaidPaymentOutcome> {
  try {
    return await getDatabase().transaction((tx) => payInTx(tx, args));
  } catch (error) {
    if (error instanceof Insufficient) {
      const inv = await readInvoice(getDatabase().db, args.invoiceId, args.partnerOrgId);
      return { kind: "insufficient", balanceMinor: error.balanceMinor, totalMinor: inv?.totalMinor ?? 0, currency: inv?.currency ?? "CHF" };
    }
    throw error;
  }
}

async function readInvoice(ex: Tx | ReturnType<typeof getDatabase>["db"], id: string, orgId: string) {
  const { invoices } = getDatabase().schema;
  const [inv] = await ex.select({
    id: invoices.id, number: invoices.number, status: invoices.status, totalMinor: invoices.totalMinor, currency: invoices.currency,
    forOrgId: invoices.forOrgId, orderId: invoices.orderId,
  }).from(invoices).where(and(eq(invoices.id, id), eq(invoices.orgId, orgId))).limit(1);
  return inv ?? null;
}

async function payInTx(tx: Tx, { invoiceId, partnerOrgId, actor, meta, at = new Date() }: Parameters<typeof payInvoiceFromPrepaid>[0]): Promise<PrepaidPaymentOutcome> {
  const { prepaidAccounts } = getDatabase().schema;
  const inv = await readInvoice(tx, invoiceId, partnerOrgId);
  if (!inv) return { kind: "not_found" };
  if (inv.status !== "unpaid") return { kind: "already_paid" };
  const [account] = await tx.select({ currency: prepaidAccounts.currency, balanceMinor: prepaidAccounts.balanceMinor })
    .from(prepaidAccounts).where(eq(prepaidAccounts.orgId, partnerOrgId));
  if (account && account.currency !== inv.currency) return { kind: "currency_mismatch", invoiceCurrency: inv.currency, accountCurrency: account.currency };
  if (!account) return { kind: "insufficient", balanceMinor: 0, totalMinor: inv.totalMinor, currency: inv.currency };

  const entryId = newId();
  if (!(await recordInvoicePayment(tx, { id: invoiceId, orgId: partnerOrgId, payment: { paidAt: at, method: "prepaid", reference: entryId } }))) {
    return { kind: "already_paid" }; // paid by a concurrent request between the read above and this update
  }
  const [debited] = await tx.update(prepaidAccounts)
    .set({ balanceMinor: sql`${prepaidAccounts.balanceMinor} - ${inv.totalMinor}`, updatedAt: at })
    .where(and(eq(prepaidAccounts.orgId, partnerOrgId), gte(prepaidAccounts.balanceMinor, inv.totalMinor)))
    .returning({ balanceMinor: prepaidAccounts.balanceMinor });
  if (!debited) {
    const [now] = await tx.select({ b: prepaidAccounts.balanceMinor }).from(prepaidAccounts).where(eq(prepaidAccounts.orgId, partnerOrgId));
    throw new Insufficient(now?.b ?? 0); // rolls back the invoice's payment
  }
  await appendLedgerEntry(tx, {
    id: entryId, partnerOrgId, kind: "invoice_payment", amountMinor: -inv.totalMinor, currency: inv.currency,
    orderId: inv.orderId, customerOrgId: inv.forOrgId, invoiceId,
  }, { at, balanceAfterMinor: debited.balanceMinor });
  await insertAuditEvent(tx, {
    kind: "invoice.paid", outcome: "ok", actorUserId: actor.userId, actorOrgId: actor.orgId, partnerOrgId, customerOrgId: inv.forOrgId,
    before: { invoiceId, number: inv.number, status: "unpaid", balanceMinor: debited.balanceMinor + inv.totalMinor },
    after: { invoiceId, number: inv.number, status: "paid", method: "prepaid", entryId, totalMinor: inv.totalMinor, currency: inv.currency, balanceMinor: debited.balanceMinor },
    meta, at,
  });
  return { kind: "paid", number: inv.number, totalMinor: inv.totalMinor, currency: inv.currency, balanceMinor: debited.balanceMinor, entryId };
}

/**
 * The unpaid invoice a QR reference names. Invoices store theirs since issue; one issued before
 * references were stored is found by the sequence number the reference ends with, recomputing each
 * candidate's reference (the reference is a pure function of payer and number).
 */
export async function findInvoiceByQrReference(tx: Tx, reference: string) {
  const { invoices } = getDatabase().schema;
  const columns = { id: invoices.id, orgId: invoices.orgId, number: invoices.number, status: invoices.status, totalMinor: invoices.totalMinor, currency: invoices.currency, forOrgId: invoices.forOrgId };
  const [stored] = await tx.select(columns).from(invoices).where(eq(invoices.qrReference, reference)).limit(1);
  if (stored) return stored;
  const seq = Number(reference.slice(14, 26));
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > INT32_MAX) return null; // seq is a 32-bit integer column
  const candidates = await tx.select(columns).from(invoices).where(and(eq(invoices.seq, seq), isNull(invoices.qrReference)));
  return candidates.find((c) => invoiceQrReference(c.orgId, seq) === reference) ?? null;
}

/** A bank transfer paid `invoice` in full: unpaid → paid, once, audited. False when it was paid already. */
export async function recordBankPayment(tx: Tx, { invoice, paidAt, bankReference, meta }: {
  invoice: { id: string; orgId: string; number: string; totalMinor: number; currency: Currency; forOrgId: string }; paidAt: Date; bankReference: string; meta: RequestMeta;
}): Promise<boolean> {
  if (!(await recordInvoicePayment(tx, { id: invoice.id, orgId: invoice.orgId, payment: { paidAt, method: "bank_transfer", reference: bankReference } }))) return false;
  await insertAuditEvent(tx, {
    kind: "invoice.paid", outcome: "ok", actorUserId: null, actorOrgId: null, customerOrgId: invoice.forOrgId,
    partnerOrgId: invoice.orgId === invoice.forOrgId ? null : invoice.orgId,
    before: { invoiceId: invoice.id, number: invoice.number, status: "unpaid" },
    after: { invoiceId: invoice.id, number: invoice.number, status: "paid", method: "bank_transfer", bankReference, totalMinor: invoice.totalMinor, currency: invoice.currency, payerOrgId: invoice.orgId },
    meta, at: paidAt,
  });
  return true;
}
