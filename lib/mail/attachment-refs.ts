// What an outbox row's `attachment` column may name: a document the transport renders when it sends the
// message. Only references this file writes are ever resolved (lib/mail/attachments.ts).
const INVOICE_PDF = "invoice-pdf:";

export const invoicePdfAttachment = (invoiceId: string): string => `${INVOICE_PDF}${invoiceId}`;

export type AttachmentRef = { kind: "invoice-pdf"; invoiceId: string };

export function parseAttachmentRef(value: string): AttachmentRef | null {
  if (value.startsWith(INVOICE_PDF) && value.length > INVOICE_PDF.length && value.length <= INVOICE_PDF.length + 64) {
    return { kind: "invoice-pdf", invoiceId: value.slice(INVOICE_PDF.length) };
  }
  return null;
}
