// Emails of the partnership lifecycle, as pure functions, with one dictionary per locale (English only
// so far: another language is one more entry in `lifecycleMessages`, nothing else changes).
import type { AccessLevel, PaymentMode } from "@/lib/domain";
import type { OrgSide } from "@/lib/permissions";
import { escapeHtml, httpUrl, type RenderedEmail } from "./templates";

type V = Record<string, string>;
type Line = (v: V) => string;
type Email = { subject: Line; body: Line[]; linkLabel: string };

export type LifecycleDictionary = {
  dateLocale: string;
  access: Record<AccessLevel, string>;
  paymentMode: Record<PaymentMode, string>;
  greeting: Line;
  signature: string;
  invitation: Email & { full: Line; limited: Line; partnerMeaning: Record<PaymentMode, Line>; expiry: Line };
  invitationWithdrawn: Email;
  answered: Record<"accept" | "refuse", Email>;
  accessChanged: Email & { full: Line; limited: Line; modeReset: Line };
  /** Keyed by the side that receives the email (the other side ended it). */
  ended: Record<OrgSide, Email>;
  paymentModeConfirmed: Email & { meaning: Record<PaymentMode, Line>; after: Line };
};

// Static strings are plain text without markup; values arrive escaped when rendering HTML.
export const lifecycleMessages: { en: LifecycleDictionary } & Partial<Record<string, LifecycleDictionary>> = {
  en: {
    dateLocale: "en-GB",
    access: { limited: "Limited", full: "Full" },
    paymentMode: { customer: "Customer pays", partner: "Partner pays" },
    greeting: (v) => `Hello ${v.recipientName},`,
    signature: "Partner Manager",
    invitation: {
      subject: (v) => `${v.customerName} invites ${v.partnerName} to become its partner`,
      body: [(v) => `${v.actorName} of ${v.customerName} invites ${v.partnerName} to manage its products in Partner Manager.`],
      full: (v) => `Access: "${v.accessLabel}": you would manage all of ${v.customerName}'s products. Payment mode: "${v.modeLabel}".`,
      limited: (v) => `Access: "${v.accessLabel}": you would manage only these products, and ${v.customerName} pays for them:`,
      partnerMeaning: {
        customer: (v) => `${v.customerName} would pay the orders and renewals you make for them; you earn cashback on them in your prepaid account.`,
        partner: (v) =>
          `You would pay the orders and renewals you make for ${v.customerName}, at your reseller discount, and see those invoices; ` +
          `orders they place directly earn you cashback.`,
      },
      expiry: (v) => `Open the link to accept or refuse. It works once and expires on ${v.expiresOn}; a newer invitation replaces it.`,
      linkLabel: "Accept or refuse the invitation",
    },
    invitationWithdrawn: {
      subject: (v) => `${v.customerName} withdrew its invitation`,
      body: [(v) => `${v.customerName} withdrew its invitation to ${v.partnerName}. The link of the earlier email no longer works, and nothing else changed.`],
      linkLabel: "Open your clients in Partner Manager",
    },
    answered: {
      accept: {
        subject: (v) => `${v.partnerName} accepted your invitation`,
        body: [(v) => `${v.actorName} accepted, for ${v.partnerName}, the invitation of ${v.customerName}. The partnership is active from now on, with the access and payment mode you chose.`],
        linkLabel: "Open the partnership in Partner Manager",
      },
      refuse: {
        subject: (v) => `${v.partnerName} refused your invitation`,
        body: [(v) => `${v.actorName} refused, for ${v.partnerName}, the invitation of ${v.customerName}. ${v.partnerName} has no access to your products; you can invite it again later.`],
        linkLabel: "Open your partners in Partner Manager",
      },
    },
    accessChanged: {
      subject: (v) => `${v.customerName} changed your access to "${v.toLabel}"`,
      body: [(v) => `${v.customerName} changed the access rights of its partnership with ${v.partnerName} from "${v.fromLabel}" to "${v.toLabel}".`],
      full: (v) => `You now manage all of ${v.customerName}'s products. The payment mode is "${v.modeLabel}".`,
      limited: () => "You now manage these products:",
      modeReset: (v) => `With limited access the customer always pays: the payment mode went back to "${v.modeLabel}", and you earn cashback on these products.`,
      linkLabel: "Open the client in Partner Manager",
    },
    ended: {
      customer: {
        subject: (v) => `${v.partnerName} ended its partnership with ${v.customerName}`,
        body: [
          (v) => `${v.actorName} of ${v.partnerName} ended its partnership with ${v.customerName}.`,
          (v) => `From now on ${v.partnerName} has no access to your products, and renewals are invoiced to ${v.customerName}. Invoices already issued stay where they are.`,
        ],
        linkLabel: "Open the partnership in Partner Manager",
      },
      partner: {
        subject: (v) => `${v.customerName} ended its partnership with ${v.partnerName}`,
        body: [
          (v) => `${v.actorName} of ${v.customerName} ended its partnership with ${v.partnerName}.`,
          (v) => `From now on you have no access to ${v.customerName}'s products and earn nothing on its orders and renewals. Invoices already issued stay where they are.`,
        ],
        linkLabel: "Open your clients in Partner Manager",
      },
    },
    paymentModeConfirmed: {
      subject: (v) => `Payment mode with ${v.partnerName} is now "${v.toLabel}"`,
      body: [
        (v) => `${v.actorName} changed the payment mode of ${v.customerName}'s partnership with ${v.partnerName} from "${v.fromLabel}" to "${v.toLabel}".`,
      ],
      meaning: {
        customer: (v) => `${v.customerName} now pays the orders and renewals ${v.partnerName} makes, and only ${v.customerName} sees those invoices.`,
        partner: (v) => `${v.partnerName} now pays the orders and renewals it makes for ${v.customerName} and sees those invoices; orders ${v.customerName} places directly are still invoiced to it.`,
      },
      after: (v) =>
        `The change applies to orders and renewals placed from now on; invoices already issued stay where they are. ` +
        `${v.partnerName} has been notified by email.`,
      linkLabel: "Open the partnership in Partner Manager",
    },
  },
};

export function lifecycleDictionaryFor(locale: string): LifecycleDictionary {
  const base = locale.toLowerCase().split(/[-_]/)[0] ?? "";
  return lifecycleMessages[locale] ?? lifecycleMessages[base] ?? lifecycleMessages.en;
}

type Block = Line | { items: string[] };

function compose(d: LifecycleDictionary, spec: { subject: Line; blocks: Block[]; linkLabel: string; url: string }, values: V): RenderedEmail {
  const url = httpUrl(spec.url);
  const esc = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(v)]));
  const blocks: Block[] = [d.greeting, ...spec.blocks];
  const text = [
    ...blocks.map((b) => (typeof b === "function" ? b(values) : b.items.map((i) => `- ${i}`).join("\n"))),
    `${spec.linkLabel}: ${url}`,
    `— ${d.signature}`,
  ].join("\n\n");
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">` +
    blocks.map((b) => (typeof b === "function" ? `<p>${b(esc)}</p>` : `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`)).join("") +
    `<p><a href="${escapeHtml(url)}">${escapeHtml(spec.linkLabel)}</a></p>` +
    `<p>— ${escapeHtml(d.signature)}</p></body></html>`;
  // A header stays on one line whatever an organization is called.
  return { subject: spec.subject(values).replace(/\s+/g, " ").trim(), text, html };
}

type People = { locale: string; recipientName: string; customerName: string; partnerName: string };

export function invitationEmail(i: People & {
  actorName: string; access: AccessLevel; paymentMode: PaymentMode; products: string[]; expiresAt: Date; invitationUrl: string;
}): RenderedEmail {
  const d = lifecycleDictionaryFor(i.locale);
  const t = d.invitation;
  const expiresOn = new Intl.DateTimeFormat(d.dateLocale, { dateStyle: "long", timeZone: "Europe/Zurich" }).format(i.expiresAt);
  const v = { ...names(i), actorName: i.actorName, accessLabel: d.access[i.access], modeLabel: d.paymentMode[i.paymentMode], expiresOn };
  const terms: Block[] = i.access === "full" ? [t.full, t.partnerMeaning[i.paymentMode]] : [t.limited, { items: i.products }];
  return compose(d, { subject: t.subject, blocks: [...t.body, ...terms, t.expiry], linkLabel: t.linkLabel, url: i.invitationUrl }, v);
}

export function invitationWithdrawnEmail(i: People & { url: string }): RenderedEmail {
  const d = lifecycleDictionaryFor(i.locale);
  const t = d.invitationWithdrawn;
  return compose(d, { subject: t.subject, blocks: t.body, linkLabel: t.linkLabel, url: i.url }, names(i));
}

export function invitationAnsweredEmail(i: People & { actorName: string; answer: "accept" | "refuse"; url: string }): RenderedEmail {
  const d = lifecycleDictionaryFor(i.locale);
  const t = d.answered[i.answer];
  return compose(d, { subject: t.subject, blocks: t.body, linkLabel: t.linkLabel, url: i.url }, { ...names(i), actorName: i.actorName });
}

export function accessChangedEmail(i: People & {
  from: AccessLevel; to: AccessLevel; paymentMode: PaymentMode; products: string[]; paymentModeReset: boolean; url: string;
}): RenderedEmail {
  const d = lifecycleDictionaryFor(i.locale);
  const t = d.accessChanged;
  const v = { ...names(i), fromLabel: d.access[i.from], toLabel: d.access[i.to], modeLabel: d.paymentMode[i.paymentMode] };
  const terms: Block[] = i.to === "full" ? [t.full] : [t.limited, { items: i.products }, ...(i.paymentModeReset ? [t.modeReset] : [])];
  return compose(d, { subject: t.subject, blocks: [...t.body, ...terms], linkLabel: t.linkLabel, url: i.url }, v);
}

export function partnershipEndedEmail(i: People & { recipientSide: OrgSide; actorName: string; url: string }): RenderedEmail {
  const d = lifecycleDictionaryFor(i.locale);
  const t = d.ended[i.recipientSide];
  return compose(d, { subject: t.subject, blocks: t.body, linkLabel: t.linkLabel, url: i.url }, { ...names(i), actorName: i.actorName });
}

/** To the customer's legal representatives, after one of them changed the payment mode. */
export function paymentModeConfirmedEmail(i: People & { actorName: string; from: PaymentMode; to: PaymentMode; url: string }): RenderedEmail {
  const d = lifecycleDictionaryFor(i.locale);
  const t = d.paymentModeConfirmed;
  const v = { ...names(i), actorName: i.actorName, fromLabel: d.paymentMode[i.from], toLabel: d.paymentMode[i.to] };
  return compose(d, { subject: t.subject, blocks: [...t.body, t.meaning[i.to], t.after], linkLabel: t.linkLabel, url: i.url }, v);
}

function names(i: People): V {
  return { recipientName: i.recipientName, customerName: i.customerName, partnerName: i.partnerName };
}
