// The invoice emails, pure functions of the recipient's locale and the invoice: issued (with its PDF
// attached by the transport, lib/mail/attachments.ts) and the reminders for an overdue one. Rendered once
// per recipient, each in their own language, by the code that queues them in the invoice's transaction.
import type { Currency } from "@/lib/domain";
import { formatDate, formatMoney } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { composeEmail, type MailFooter, type RenderedEmail } from "./templates";

type InvoiceMail = {
  locale: string;
  recipientName: string;
  payerName: string;
  number: string;
  totalMinor: number;
  currency: Currency;
  /** YYYY-MM-DD */
  dueDate: string;
  url: string;
  footer: MailFooter;
};

const dueText = (dueDate: string, locale: ReturnType<typeof toLocale>) => formatDate(new Date(`${dueDate}T12:00:00Z`), locale);

/** To the payer's legal representatives when an invoice is issued; `description` is its first line, in the recipient's language. */
export function invoiceIssuedEmail(i: InvoiceMail & { description: string }): RenderedEmail {
  const locale = toLocale(i.locale);
  return composeEmail(locale, {
    subject: "invoiceIssued.subject", blocks: ["invoiceIssued.body", "invoiceIssued.amount"], linkLabel: "invoiceIssued.linkLabel", url: i.url, footer: i.footer,
  }, {
    recipientName: i.recipientName, payerName: i.payerName, number: i.number, description: i.description,
    total: formatMoney(i.totalMinor, i.currency, locale), due: dueText(i.dueDate, locale),
  });
}

/** To the payer's legal representatives when an unpaid invoice is `days` past its due date. */
export function invoiceReminderEmail(i: InvoiceMail & { days: number }): RenderedEmail {
  const locale = toLocale(i.locale);
  return composeEmail(locale, {
    subject: "invoiceReminder.subject", blocks: ["invoiceReminder.body", "invoiceReminder.amount"], linkLabel: "invoiceReminder.linkLabel", url: i.url, footer: i.footer,
  }, {
    recipientName: i.recipientName, payerName: i.payerName, number: i.number, days: String(i.days),
    total: formatMoney(i.totalMinor, i.currency, locale), due: dueText(i.dueDate, locale),
  });
}
