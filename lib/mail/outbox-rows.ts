// One outbox row per recipient of a rendered email, keyed so a retried step never queues it twice.
// `render` runs once per recipient, so each gets the email in their own language (r.locale).
import type { NewMessage } from "@/db/outbox";
import type { Recipient } from "@/db/users";
import { env } from "@/lib/env";
import type { MailFooter, RenderedEmail } from "./templates";

/** The footer of an email to `r`, a member of `orgName`: their role there, and the page of APP_URL to manage it. */
export function mailFooter(r: Pick<Recipient, "role">, orgName: string, page: MailFooter["page"]): MailFooter {
  return { role: r.role, orgName, page, appUrl: env().APP_URL };
}

export function outboxRows(recipients: Recipient[], o: {
  template: string;
  /** Identifies the step and version; the recipient's id is appended. */
  key: string;
  partnershipId: string;
  auditEventId: string;
  render: (r: Recipient) => RenderedEmail;
}): NewMessage[] {
  return recipients.map((r) => {
    const mail = o.render(r);
    return {
      dedupeKey: `${o.key}:${r.userId}`, template: o.template, toUserId: r.userId, toAddress: r.email,
      subject: mail.subject, textBody: mail.text, htmlBody: mail.html, locale: mail.locale, partnershipId: o.partnershipId, auditEventId: o.auditEventId,
    };
  });
}
