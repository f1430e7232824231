// Renders an outbox row's attachment when the message is sent (lib/mail/transport.ts): the invoice's PDF
// in the message's language, from the invoice as issued. Issued invoices never change, so a retried send
// attaches the same document (only the paid/unpaid state could differ, and an unpaid invoice's email is
// queued when it is issued or overdue). An attachment that cannot be rendered fails the send, which is
// retried and, if it keeps failing, ends as a failed row the auditors see, never as an email without it.
import "server-only";
import type { OutboxMessage } from "@/db/outbox";
import { getInvoice } from "@/db/invoices";
import { renderInvoicePdf } from "@/lib/billing/invoice-pdf";
import { toLocale } from "@/lib/i18n/locales";
import { parseAttachmentRef } from "./attachment-refs";

export type MailAttachment = { filename: string; content: Buffer; contentType: string };

export async function attachmentsFor(message: Pick<OutboxMessage, "attachment" | "locale">): Promise<MailAttachment[]> {
  if (!message.attachment) return [];
  const ref = parseAttachmentRef(message.attachment);
  if (!ref) throw new Error(`Unknown attachment reference: ${message.attachment.slice(0, 80)}`);
  // The system addressed this message to the payer of the invoice when it queued it.
  const invoice = await getInvoice({ id: ref.invoiceId, orgId: null });
  if (!invoice) throw new Error(`Attachment: invoice ${ref.invoiceId} not found`);
  const content = await renderInvoicePdf(invoice, { locale: toLocale(message.locale) });
  return [{ filename: `${invoice.number}.pdf`, content, contentType: "application/pdf" }];
}
