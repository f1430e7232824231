// The emails of a payment-mode change, built per recipient from the change's notice (db/partnerships.ts
// changePaymentMode): to the partner's legal representatives, and the confirmation to the customer's,
// whose actor reads "You changed…". A notice may cover several coalesced changes (docs/architecture.md).
import { PAYMENT_MODE_TEMPLATES, type PartnershipDetail, type PaymentModeMessages } from "@/db/partnerships";
import { env } from "@/lib/env";
import { paymentModeConfirmedEmail } from "./lifecycle-templates";
import { mailFooter, outboxRows } from "./outbox-rows";
import { paymentModeChangedEmail } from "./templates";

export function paymentModeMail(
  p: Pick<PartnershipDetail, "id" | "customerName" | "partnerName">,
  actor: { userId: string; name: string },
): { messages: PaymentModeMessages; confirmations: PaymentModeMessages } {
  const app = env().APP_URL;
  return {
    messages: (recipients, next) => outboxRows(recipients, {
      template: PAYMENT_MODE_TEMPLATES.partner, key: `payment-mode:${p.id}:v${next.version}`,
      partnershipId: p.id, auditEventId: next.auditEventId,
      render: (r) => paymentModeChangedEmail({
        ...next.notice(r), locale: r.locale, recipientName: r.name, actorName: actor.name, customerName: p.customerName,
        partnerName: p.partnerName, partnershipUrl: `${app}/clients/${p.id}`, footer: mailFooter(r, p.partnerName, "clients"),
      }),
    }),
    confirmations: (recipients, next) => outboxRows(recipients, {
      template: PAYMENT_MODE_TEMPLATES.customer, key: `payment-mode-confirmation:${p.id}:v${next.version}`,
      partnershipId: p.id, auditEventId: next.auditEventId,
      render: (r) => paymentModeConfirmedEmail({
        ...next.notice(r), locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName,
        actorName: actor.name, recipientIsActor: r.userId === actor.userId, url: `${app}/partners/${p.id}`,
        footer: mailFooter(r, p.customerName, "partners"),
      }),
    }),
  };
}
