// The emails of a scheduled payment-mode switch (issue #14): scheduled (or replaced), cancelled, applied,
// dropped. Pure functions of the recipient's locale and the values, rendered once per recipient in their
// language by the transaction that queues them (db/scheduled-switches.ts). The sentences live in
// messages/<locale>/schedule.json under "email"; the layout is composeEmail's (lib/mail/templates.ts).
import type { PaymentMode, SwitchDropReason } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { composeWith, domainLabels, type MailFooter, type RenderedEmail } from "./templates";

type Key = Parameters<ReturnType<typeof translator<"schedule.email">>>[0];

/** The layout every email has (composeWith), with the sentences of "schedule.email". */
function compose(locale: Locale, spec: { subject: Key; blocks: Key[]; url: string; footer: MailFooter }, values: Record<string, string>): RenderedEmail {
  const t = translator(locale, "schedule.email");
  return composeWith((key, v) => t(key as Key, v), locale, { ...spec, linkLabel: "linkLabel" }, values);
}

/** A calendar date (YYYY-MM-DD) as the recipient reads it. */
const day = (isoDate: string, locale: Locale) => formatDate(new Date(`${isoDate}T12:00:00Z`), locale);

/** `footer`: why the recipient gets the email and where to manage it (lib/mail/outbox-rows.ts mailFooter). */
type Common = { locale: string; recipientName: string; customerName: string; partnerName: string; url: string; footer: MailFooter };

/** To the partner's legal representatives when the customer schedules (or replaces) a switch. */
export function switchScheduledEmail(i: Common & {
  actorName: string; from: PaymentMode; to: PaymentMode; effectiveDate: string;
  replaces?: { to: PaymentMode; effectiveDate: string } | null;
}): RenderedEmail {
  const locale = toLocale(i.locale);
  const labels = domainLabels(locale);
  const date = day(i.effectiveDate, locale);
  const when = translator(locale, "schedule.email")("when", { date });
  const blocks: Key[] = ["scheduled.body", `meaning.${i.to}`, "issuedInvoices"];
  if (i.replaces) blocks.splice(1, 0, "scheduled.replaces");
  return compose(locale, { subject: "scheduled.subject", blocks, url: i.url, footer: i.footer }, {
    recipientName: i.recipientName, customerName: i.customerName, partnerName: i.partnerName, actorName: i.actorName,
    fromLabel: labels.paymentMode(i.from), toLabel: labels.paymentMode(i.to), date, when,
    previousLabel: i.replaces ? labels.paymentMode(i.replaces.to) : "", previousDate: i.replaces ? day(i.replaces.effectiveDate, locale) : "",
  });
}

/** To the partner's legal representatives when a pending switch is cancelled (by hand, or by an access downgrade). */
export function switchCancelledEmail(i: Common & {
  actorName: string; to: PaymentMode; current: PaymentMode; effectiveDate: string; because: "cancelled" | "access_limited";
}): RenderedEmail {
  const locale = toLocale(i.locale);
  const labels = domainLabels(locale);
  return compose(locale, { subject: "cancelled.subject", blocks: [i.because === "cancelled" ? "cancelled.body" : "cancelled.bodyAccess"], url: i.url, footer: i.footer }, {
    recipientName: i.recipientName, customerName: i.customerName, partnerName: i.partnerName, actorName: i.actorName,
    toLabel: labels.paymentMode(i.to), currentLabel: labels.paymentMode(i.current), date: day(i.effectiveDate, locale),
  });
}

/** To the partner's legal representatives when the renewal job applies a switch at its date. */
export function switchAppliedEmail(i: Common & { from: PaymentMode; to: PaymentMode; effectiveDate: string; scheduledAt: Date }): RenderedEmail {
  const locale = toLocale(i.locale);
  const labels = domainLabels(locale);
  const date = day(i.effectiveDate, locale);
  return compose(locale, { subject: "applied.subject", blocks: ["applied.body", `meaning.${i.to}`, "issuedInvoices"], url: i.url, footer: i.footer }, {
    recipientName: i.recipientName, customerName: i.customerName, partnerName: i.partnerName,
    fromLabel: labels.paymentMode(i.from), toLabel: labels.paymentMode(i.to), date,
    when: translator(locale, "schedule.email")("when", { date }), scheduledOn: formatDate(i.scheduledAt, locale),
  });
}

/** To both sides' legal representatives when the job drops a switch instead of applying it, saying why. */
export function switchDroppedEmail(i: Common & { to: PaymentMode; current: PaymentMode; effectiveDate: string; reason: SwitchDropReason }): RenderedEmail {
  const locale = toLocale(i.locale);
  const labels = domainLabels(locale);
  return compose(locale, { subject: "dropped.subject", blocks: ["dropped.body"], url: i.url, footer: i.footer }, {
    recipientName: i.recipientName, customerName: i.customerName, partnerName: i.partnerName,
    toLabel: labels.paymentMode(i.to), currentLabel: labels.paymentMode(i.current), date: day(i.effectiveDate, locale),
    reason: translator(locale, "schedule.email")(`dropped.reason.${i.reason}`),
  });
}
