// Email content, as pure functions of the recipient's locale and the values: the caller stores the
// result in the outbox in its own transaction, rendered once per recipient in that recipient's
// language (docs/i18n.md). The sentences live in messages/<locale>/email.json; the lifecycle's emails
// are in lifecycle-templates.ts and are composed the same way.
import type { PaymentMode } from "@/lib/domain";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { translator, type Translator } from "@/lib/i18n/translator";

export type RenderedEmail = { subject: string; text: string; html: string; locale: Locale };

type EmailKey = Parameters<Translator<"email">>[0];
export type Values = Record<string, string>;
/** A paragraph (a message key of the "email" namespace) or a bulleted list of values. */
export type Block = EmailKey | { items: string[] };

/**
 * Subject, text and HTML from message keys. In HTML both the sentence and every value are escaped:
 * the values go in as opaque tokens, the sentence is escaped, then each token becomes its escaped value.
 */
export function composeEmail(locale: Locale, spec: { subject: EmailKey; blocks: Block[]; linkLabel: EmailKey; url: string }, values: Values): RenderedEmail {
  const t = translator(locale, "email");
  const url = httpUrl(spec.url);
  const names = Object.keys(values);
  const tokens = Object.fromEntries(names.map((k, i) => [k, `\u0000${i}\u0000`]));
  const text = (key: EmailKey) => t(key, values);
  const html = (key: EmailKey) => escapeHtml(t(key, tokens)).replace(/\u0000(\d+)\u0000/g, (_, i: string) => escapeHtml(values[names[Number(i)]!]!));
  const blocks: Block[] = ["greeting", ...spec.blocks];
  const textBody = [
    ...blocks.map((b) => (typeof b === "string" ? text(b) : b.items.map((i) => `- ${i}`).join("\n"))),
    `${text(spec.linkLabel)}: ${url}`,
    `— ${text("signature")}`,
  ].join("\n\n");
  const htmlBody =
    `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">` +
    blocks.map((b) => (typeof b === "string" ? `<p>${html(b)}</p>` : `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`)).join("") +
    `<p><a href="${escapeHtml(url)}">${html(spec.linkLabel)}</a></p>` +
    `<p>— ${html("signature")}</p></body></html>`;
  // A header must stay on one line whatever an organization is called.
  return { subject: text(spec.subject).replace(/\s+/g, " ").trim(), text: textBody, html: htmlBody, locale };
}

/** The labels of the domain's codes in the recipient's language ("Partner pays", "Partner zahlt"). */
export function domainLabels(locale: Locale) {
  const t = translator(locale, "domain");
  return {
    paymentMode: (m: PaymentMode) => t(`paymentMode.${m}`),
    access: (a: "limited" | "full") => t(`access.${a}`),
  };
}

/** To the partner's legal representatives, when the customer changed the payment mode. */
export function paymentModeChangedEmail(input: {
  locale: string;
  recipientName: string;
  customerName: string;
  partnerName: string;
  from: PaymentMode;
  to: PaymentMode;
  partnershipUrl: string;
}): RenderedEmail {
  const locale = toLocale(input.locale);
  const labels = domainLabels(locale);
  return composeEmail(locale, {
    subject: "paymentModeChanged.subject",
    blocks: ["paymentModeChanged.changed", `paymentModeChanged.meaning.${input.to}`, "paymentModeChanged.issuedInvoices"],
    linkLabel: "paymentModeChanged.linkLabel",
    url: input.partnershipUrl,
  }, {
    recipientName: input.recipientName, customerName: input.customerName, partnerName: input.partnerName,
    fromLabel: labels.paymentMode(input.from), toLabel: labels.paymentMode(input.to),
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
