// Email content, as pure functions of the recipient's locale and the values: the caller stores the
// result in the outbox in its own transaction, rendered once per recipient in that recipient's
// language (docs/i18n.md). The sentences live in messages/<locale>/email.json; the lifecycle's emails
// are in lifecycle-templates.ts and are composed the same way. Every email ends with a footer saying why
// the recipient gets it (their role in their organization) and where to manage it (docs/architecture.md).
import type { PaymentMode, Role } from "@/lib/domain";
import { FORMAT_LOCALE, TIME_ZONE, toLocale, type Locale } from "@/lib/i18n/locales";
import { translator, type Translator } from "@/lib/i18n/translator";

export type RenderedEmail = { subject: string; text: string; html: string; locale: Locale };

type EmailKey = Parameters<Translator<"email">>[0];
export type Values = Record<string, string>;
/** A paragraph (a message key of the "email" namespace) or a bulleted list of values. */
export type Block = EmailKey | { items: string[] };

/**
 * Why the recipient gets the email and where to manage it: their role in their organization, and the
 * app's page for it (`${appUrl}/${page}`, with APP_URL).
 */
export type MailFooter = { role: Role; orgName: string; page: "partners" | "clients" | "invoices"; appUrl: string };

/** A translator of one namespace, as `composeWith` uses it: a key and its values, the sentence back. */
export type Say = (key: string, values: Values) => string;

/**
 * Subject, text and HTML from message keys: a greeting, the blocks, a link, the signature and the footer,
 * the sentences read through `say` (its namespace holds `greeting`, `signature` and the spec's keys).
 * In HTML both the sentence and every value are escaped: the values go in as opaque tokens, the
 * sentence is escaped, then each token becomes its escaped value.
 */
export function composeWith(
  say: Say,
  locale: Locale,
  spec: { subject: string; blocks: (string | { items: string[] })[]; linkLabel: string; url: string; footer: MailFooter },
  values: Values,
): RenderedEmail {
  const url = httpUrl(spec.url);
  const footer = renderFooter(locale, spec.footer);
  const names = Object.keys(values);
  const tokens = Object.fromEntries(names.map((k, i) => [k, `\u0000${i}\u0000`]));
  const text = (key: string) => say(key, values);
  const html = (key: string) => escapeHtml(say(key, tokens)).replace(/\u0000(\d+)\u0000/g, (_, i: string) => escapeHtml(values[names[Number(i)]!]!));
  const blocks = ["greeting", ...spec.blocks];
  const textBody = [
    ...blocks.map((b) => (typeof b === "string" ? text(b) : b.items.map((i) => `- ${i}`).join("\n"))),
    `${text(spec.linkLabel)}${colon(locale)}${url}`,
    `— ${text("signature")}`,
    footer.text,
  ].join("\n\n");
  const htmlBody =
    `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">` +
    blocks.map((b) => (typeof b === "string" ? `<p>${html(b)}</p>` : `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`)).join("") +
    `<p><a href="${escapeHtml(url)}">${html(spec.linkLabel)}</a></p>` +
    `<p>— ${html("signature")}</p>` +
    footer.html + `</body></html>`;
  // A header must stay on one line whatever an organization is called.
  return { subject: text(spec.subject).replace(/\s+/g, " ").trim(), text: textBody, html: htmlBody, locale };
}

/** A label's colon before a link: French sets a no-break space before it ("Ouvrir la facture : https://…"). */
function colon(locale: Locale): string {
  return locale === "fr-CH" ? "\u00a0: " : ": ";
}

/** `composeWith` on the "email" namespace, its keys checked. */
export function composeEmail(
  locale: Locale,
  spec: { subject: EmailKey; blocks: Block[]; linkLabel: EmailKey; url: string; footer: MailFooter },
  values: Values,
): RenderedEmail {
  const t = translator(locale, "email");
  return composeWith((key, v) => t(key as EmailKey, v), locale, spec, values);
}

/**
 * Why the recipient gets the email and where to manage it, as the text part's signature block ("-- " on
 * its own line: mail clients recognise what follows as a footer and may fold it) and as an HTML footer.
 * Every email ends with it, whatever namespace its sentences come from.
 */
export function renderFooter(locale: Locale, footer: MailFooter): { text: string; html: string } {
  const t = translator(locale, "email");
  const manageUrl = httpUrl(`${footer.appUrl.replace(/\/$/, "")}/${footer.page}`);
  const values = { footerOrgName: footer.orgName };
  const reason = t(`footer.reason.${footer.role}`, values);
  const manage = t(`footer.manage.${footer.page}`, values);
  return {
    text: `-- \n${reason}\n${manage}${colon(locale)}${manageUrl}`,
    html: `<hr><footer style="font-size:0.875em;color:#4b5563"><p>${escapeHtml(reason)}</p>` +
      `<p><a href="${escapeHtml(manageUrl)}">${escapeHtml(manage)}</a></p></footer>`,
  };
}

/** The labels of the domain's codes in the recipient's language ("Partner pays", "Partner zahlt"). */
export function domainLabels(locale: Locale) {
  const t = translator(locale, "domain");
  return {
    paymentMode: (m: PaymentMode) => t(`paymentMode.${m}`),
    access: (a: "limited" | "full") => t(`access.${a}`),
  };
}

/** When and how often: the changes one email covers (several when coalesced, docs/architecture.md). */
export type ChangeWhen = {
  /** The last change's time, and the first one's when the email covers several. */
  at: Date;
  firstAt: Date;
  /** How many audited changes the email covers (1 unless coalesced). */
  changes: number;
};

/** The date and the time of day on the Zurich wall clock, written the recipient's way. */
export function zurichDateTime(d: Date, locale: Locale): { date: string; time: string } {
  const date = new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { dateStyle: "long", timeZone: TIME_ZONE }).format(d);
  const time = new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE }).format(d);
  return { date, time };
}

/** The values every "who changed it when" sentence uses, and the sum-up block of a coalesced email. */
export function whenValues(w: ChangeWhen, locale: Locale): { values: Values; summary: Block[] } {
  const last = zurichDateTime(w.at, locale);
  const first = zurichDateTime(w.firstAt, locale);
  return {
    values: { date: last.date, time: last.time, firstTime: first.time, count: String(w.changes) },
    summary: w.changes > 1 ? ["coalesced"] : [],
  };
}

/**
 * To the partner's legal representatives, when the customer changed the payment mode: who (name and
 * organization) and when. `from` is the mode before the first change the email covers: when the mode is
 * back where it was, the email still goes (two audited changes happened) and says so.
 */
export function paymentModeChangedEmail(input: ChangeWhen & {
  locale: string;
  recipientName: string;
  actorName: string;
  customerName: string;
  partnerName: string;
  from: PaymentMode;
  to: PaymentMode;
  partnershipUrl: string;
  footer: MailFooter;
}): RenderedEmail {
  const locale = toLocale(input.locale);
  const labels = domainLabels(locale);
  const when = whenValues(input, locale);
  const back = input.from === input.to;
  return composeEmail(locale, {
    subject: back ? "paymentModeChanged.subjectBack" : "paymentModeChanged.subject",
    blocks: back
      ? ["paymentModeChanged.changedBack", ...when.summary, "paymentModeChanged.nothingChanges"]
      : ["paymentModeChanged.changed", ...when.summary, `paymentModeChanged.meaning.${input.to}`, "paymentModeChanged.issuedInvoices"],
    linkLabel: "paymentModeChanged.linkLabel",
    url: input.partnershipUrl,
    footer: input.footer,
  }, {
    recipientName: input.recipientName, actorName: input.actorName, customerName: input.customerName, partnerName: input.partnerName,
    fromLabel: labels.paymentMode(input.from), toLabel: labels.paymentMode(input.to), ...when.values,
  });
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only http(s) links go into an email; anything else (javascript:, data:) is a bug upstream. */
export function httpUrl(value: string): string {
  const u = new URL(value);
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error(`Not an http(s) URL: ${u.protocol}`);
  return u.toString();
}
