// Emails of the partnership lifecycle, as pure functions of the recipient's locale and the values.
// The sentences are in messages/<locale>/email.json; templates.ts composes subject, text and HTML.
import type { AccessLevel, PaymentMode } from "@/lib/domain";
import { formatLongDate } from "@/lib/format";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import type { OrgSide } from "@/lib/permissions";
import { composeEmail, domainLabels, whenValues, zurichDateTime, type Block, type ChangeWhen, type MailFooter, type RenderedEmail } from "./templates";

type People = { locale: string; recipientName: string; customerName: string; partnerName: string; footer: MailFooter };

function names(i: People) {
  return { recipientName: i.recipientName, customerName: i.customerName, partnerName: i.partnerName };
}

/** Who did it and when (Zurich wall clock, the recipient's way), for the lifecycle emails' first sentence. */
type Done = { actorName: string; at: Date };
const done = (i: Done, locale: Locale) => ({ actorName: i.actorName, ...zurichDateTime(i.at, locale) });

export function invitationEmail(i: People & {
  actorName: string; access: AccessLevel; paymentMode: PaymentMode; products: string[]; expiresAt: Date; invitationUrl: string;
}): RenderedEmail {
  const locale = toLocale(i.locale);
  const labels = domainLabels(locale);
  const terms: Block[] = i.access === "full"
    ? ["invitation.full", `invitation.partnerMeaning.${i.paymentMode}`]
    : ["invitation.limited", { items: i.products }];
  return composeEmail(locale, {
    subject: "invitation.subject", blocks: ["invitation.body", ...terms, "invitation.expiry"], linkLabel: "invitation.linkLabel", url: i.invitationUrl,
    footer: i.footer,
  }, {
    ...names(i), actorName: i.actorName, accessLabel: labels.access(i.access), modeLabel: labels.paymentMode(i.paymentMode),
    expiresOn: formatLongDate(i.expiresAt, locale),
  });
}

export function invitationWithdrawnEmail(i: People & Done & { url: string }): RenderedEmail {
  const locale = toLocale(i.locale);
  return composeEmail(locale, {
    subject: "invitationWithdrawn.subject", blocks: ["invitationWithdrawn.body"], linkLabel: "invitationWithdrawn.linkLabel", url: i.url, footer: i.footer,
  }, { ...names(i), ...done(i, locale) });
}

export function invitationAnsweredEmail(i: People & Done & { answer: "accept" | "refuse"; url: string }): RenderedEmail {
  const locale = toLocale(i.locale);
  return composeEmail(locale, {
    subject: `answered.${i.answer}.subject`, blocks: [`answered.${i.answer}.body`], linkLabel: `answered.${i.answer}.linkLabel`, url: i.url, footer: i.footer,
  }, { ...names(i), ...done(i, locale) });
}

export function accessChangedEmail(i: People & Done & {
  from: AccessLevel; to: AccessLevel; paymentMode: PaymentMode; products: string[]; paymentModeReset: boolean; url: string;
}): RenderedEmail {
  const locale = toLocale(i.locale);
  const labels = domainLabels(locale);
  const terms: Block[] = i.to === "full"
    ? ["accessChanged.full"]
    : ["accessChanged.limited", { items: i.products }, ...(i.paymentModeReset ? ["accessChanged.modeReset" as const] : [])];
  return composeEmail(locale, {
    subject: "accessChanged.subject", blocks: ["accessChanged.body", ...terms], linkLabel: "accessChanged.linkLabel", url: i.url, footer: i.footer,
  }, {
    ...names(i), ...done(i, locale), fromLabel: labels.access(i.from), toLabel: labels.access(i.to), modeLabel: labels.paymentMode(i.paymentMode),
  });
}

/** To the side that did not end it. */
export function partnershipEndedEmail(i: People & Done & { recipientSide: OrgSide; url: string }): RenderedEmail {
  const side = i.recipientSide;
  const locale = toLocale(i.locale);
  return composeEmail(locale, {
    subject: `ended.${side}.subject`, blocks: [`ended.${side}.body`, `ended.${side}.after`], linkLabel: `ended.${side}.linkLabel`, url: i.url, footer: i.footer,
  }, { ...names(i), ...done(i, locale) });
}

/**
 * To the customer's legal representatives, after one of them changed the payment mode: who and when, and
 * "You changed…" in the copy of the one who did (`recipientIsActor`). Coalesced like the partner's email
 * (templates.ts): `from` is the mode before the first change it covers.
 */
export function paymentModeConfirmedEmail(i: People & ChangeWhen & {
  actorName: string; recipientIsActor: boolean; from: PaymentMode; to: PaymentMode; url: string;
}): RenderedEmail {
  const locale = toLocale(i.locale);
  const labels = domainLabels(locale);
  const when = whenValues(i, locale);
  const who = i.recipientIsActor ? "self" : "other";
  const blocks: Block[] = i.from === i.to
    ? [`paymentModeConfirmed.back.${who}`, ...when.summary]
    : [`paymentModeConfirmed.body.${who}`, ...when.summary, `paymentModeConfirmed.meaning.${i.to}`, "paymentModeConfirmed.after"];
  return composeEmail(locale, {
    subject: "paymentModeConfirmed.subject", blocks, linkLabel: "paymentModeConfirmed.linkLabel", url: i.url, footer: i.footer,
  }, { ...names(i), actorName: i.actorName, fromLabel: labels.paymentMode(i.from), toLabel: labels.paymentMode(i.to), ...when.values });
}
