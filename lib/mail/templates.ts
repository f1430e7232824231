// Email content, as pure functions: the caller stores the result in the outbox in its own transaction.
// The partnership lifecycle's emails (invitation, answers, access, end, payment-mode confirmation) live
// in lifecycle-templates.ts, with their own per-locale dictionary.
import { PAYMENT_MODE_INFO, type PaymentMode } from "@/lib/domain";

export type RenderedEmail = { subject: string; text: string; html: string };

type ModeChangeValues = {
  recipientName: string;
  customerName: string;
  partnerName: string;
  fromLabel: string;
  toLabel: string;
};

type Dictionary = {
  paymentModeChanged: {
    subject(v: ModeChangeValues): string;
    greeting(v: ModeChangeValues): string;
    changed(v: ModeChangeValues): string;
    meaning: Record<PaymentMode, (v: ModeChangeValues) => string>;
    issuedInvoices: string;
    linkIntro: string;
    linkLabel: string;
    signature: string;
  };
};

// Static strings here are plain text without markup; interpolated values arrive already escaped
// when rendering HTML, so each sentence is written once for both bodies.
export const messages: { en: Dictionary } & Partial<Record<string, Dictionary>> = {
  en: {
    paymentModeChanged: {
      subject: (v) => `${v.customerName} changed the payment mode to "${v.toLabel}"`,
      greeting: (v) => `Hello ${v.recipientName},`,
      changed: (v) =>
        `${v.customerName} changed the payment mode of its partnership with ${v.partnerName} ` +
        `from "${v.fromLabel}" to "${v.toLabel}".`,
      meaning: {
        partner: (v) =>
          `What this means for you: you now pay the orders and renewals you make for ${v.customerName} ` +
          `at your reseller discount, and those invoices are visible in your organization. ` +
          `Orders and renewals ${v.customerName} makes directly are still invoiced to them and earn you cashback.`,
        customer: (v) =>
          `What this means for you: ${v.customerName} now pays the orders and renewals you make for them, ` +
          `and those invoices are visible only in their organization. ` +
          `You earn cashback on them in your prepaid account.`,
      },
      issuedInvoices:
        "The change applies to orders and renewals placed from now on. Invoices already issued do not move: " +
        "they stay with the organization they were issued to, paid or not.",
      linkIntro: "See the partnership:",
      linkLabel: "Open the partnership in Partner Manager",
      signature: "Partner Manager",
    },
  },
};

/** The dictionary for a locale ("fr-CH" falls back to "fr"), else English. */
export function dictionaryFor(locale: string): Dictionary {
  const base = locale.toLowerCase().split(/[-_]/)[0] ?? "";
  return messages[locale] ?? messages[base] ?? messages.en;
}

export function paymentModeChangedEmail(input: {
  locale: string;
  recipientName: string;
  customerName: string;
  partnerName: string;
  from: PaymentMode;
  to: PaymentMode;
  partnershipUrl: string;
}): RenderedEmail {
  const t = dictionaryFor(input.locale).paymentModeChanged;
  const url = httpUrl(input.partnershipUrl);
  const raw: ModeChangeValues = {
    recipientName: input.recipientName,
    customerName: input.customerName,
    partnerName: input.partnerName,
    fromLabel: PAYMENT_MODE_INFO[input.from].label,
    toLabel: PAYMENT_MODE_INFO[input.to].label,
  };
  const esc = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, escapeHtml(v)])) as ModeChangeValues;

  const text = [
    t.greeting(raw),
    t.changed(raw),
    t.meaning[input.to](raw),
    t.issuedInvoices,
    `${t.linkIntro} ${url}`,
    `— ${t.signature}`,
  ].join("\n\n");

  const paragraphs = [t.greeting(esc), t.changed(esc), t.meaning[input.to](esc), escapeHtml(t.issuedInvoices)];
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">` +
    paragraphs.map((p) => `<p>${p}</p>`).join("") +
    `<p><a href="${escapeHtml(url)}">${escapeHtml(t.linkLabel)}</a></p>` +
    `<p>— ${escapeHtml(t.signature)}</p></body></html>`;

  // A header must stay on one line whatever a customer named its organization.
  return { subject: t.subject(raw).replace(/\s+/g, " ").trim(), text, html };
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
