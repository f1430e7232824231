// The emails an invoice sends to its payer's legal representatives, queued in the outbox inside the
// caller's transaction: when it is issued (order, renewal, automatic renewal) and when it is overdue.
// Each is rendered in the recipient's language and carries the PDF, which the transport renders from
// the immutable invoice at send time (lib/mail/attachments.ts), not stored in the outbox.
import "server-only";
import { lineText } from "@/lib/billing/invoice-text";
import type { ReminderLevel } from "@/lib/billing/terms";
import type { Currency } from "@/lib/domain";
import { env } from "@/lib/env";
import { toLocale } from "@/lib/i18n/locales";
import { invoicePdfAttachment } from "@/lib/mail/attachment-refs";
import { mailFooter } from "@/lib/mail/outbox-rows";
import { invoiceIssuedEmail, invoiceReminderEmail } from "@/lib/mail/invoice-templates";
import type { Tx } from "./client";
import { enqueueMessages, type NewMessage } from "./outbox";
import { listOrgMembersWithRole, type Recipient } from "./users";

export type InvoiceForNotice = {
  id: string;
  orgId: string;
  payerName: string;
  number: string;
  totalMinor: number;
  currency: Currency;
  dueDate: string;
  firstLine: { description: string; code: string | null; params: Record<string, string | number> | null };
};

function rows(recipients: Recipient[], inv: InvoiceForNotice, key: string, template: string, render: (r: Recipient, url: string) => ReturnType<typeof invoiceIssuedEmail>): NewMessage[] {
  const url = `${env().APP_URL}/invoices/${inv.id}`;
  return recipients.map((r) => {
    const mail = render(r, url);
    return {
      // One email per invoice (and per reminder level) per recipient, however often the step is retried.
      dedupeKey: `${key}:${r.userId}`, template, toUserId: r.userId, toAddress: r.email,
      subject: mail.subject, textBody: mail.text, htmlBody: mail.html, locale: mail.locale, attachment: invoicePdfAttachment(inv.id),
    };
  });
}

/** The "invoice issued" email with its PDF, to each legal representative of the payer. */
export async function queueInvoiceIssued(tx: Tx, inv: InvoiceForNotice, now: Date): Promise<void> {
  const recipients = await listOrgMembersWithRole(tx, { orgId: inv.orgId, role: "legal_representative" });
  await enqueueMessages(tx, rows(recipients, inv, `invoice:${inv.id}`, "invoice_issued", (r, url) => invoiceIssuedEmail({
    locale: r.locale, recipientName: r.name, payerName: inv.payerName, number: inv.number, totalMinor: inv.totalMinor, currency: inv.currency,
    dueDate: inv.dueDate, url, description: lineText(inv.firstLine, toLocale(r.locale)), footer: mailFooter(r, inv.payerName, "invoices"),
  })), now);
}

/** A reminder for an overdue invoice, to each legal representative of the payer. */
export async function queueInvoiceReminder(tx: Tx, inv: InvoiceForNotice, level: ReminderLevel, days: number, now: Date): Promise<void> {
  const recipients = await listOrgMembersWithRole(tx, { orgId: inv.orgId, role: "legal_representative" });
  await enqueueMessages(tx, rows(recipients, inv, `invoice-reminder:${inv.id}:${level}`, "invoice_reminder", (r, url) => invoiceReminderEmail({
    locale: r.locale, recipientName: r.name, payerName: inv.payerName, number: inv.number, totalMinor: inv.totalMinor, currency: inv.currency,
    dueDate: inv.dueDate, url, days, footer: mailFooter(r, inv.payerName, "invoices"),
  })), now);
}
