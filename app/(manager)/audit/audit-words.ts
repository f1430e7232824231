// The audit console's words in one reader's language: event kinds, refusal reasons, field names and
// values (lib/audit-format.ts types them; this names them), and the user agent's summary.
import "server-only";
import { reasonParts, userAgentSummary, type AuditWords } from "@/lib/audit-format";
import type { Currency } from "@/lib/domain";
import { formatDate, formatDateTime, formatMoney, formatAmount } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";

/** One set per locale for the process: it depends on nothing else (its translators are shared too). */
export function auditWords(locale: Locale): AuditText {
  let words = byLocale.get(locale);
  if (!words) byLocale.set(locale, (words = wordsFor(locale)));
  return words;
}

function wordsFor(locale: Locale) {
  const t = translator(locale, "audit");
  const d = translator(locale, "domain");
  const number = new Intl.NumberFormat(locale === "en" ? "en-CH" : locale);

  const words: AuditWords = {
    field: (key) => (t.has(`change.field.${key}` as never) ? t(`change.field.${key}` as never) : t("change.field.other", { field: key })),
    code: (field, code) => {
      if ((field === "paymentMode" || field === "access") && d.has(`${field}.${code}` as never)) return d(`${field}.${code}` as never);
      const key = `change.value.${field}.${code}`;
      return t.has(key as never) ? t(key as never) : code;
    },
    money: (minor, currency) => (currency === "CHF" || currency === "EUR" ? formatMoney(minor, currency as Currency, locale) : formatAmount(minor, locale)),
    date: (iso) => formatDate(new Date(`${iso}T00:00:00Z`), locale),
    time: (iso) => formatDateTime(new Date(iso), locale),
    number: (n) => number.format(n),
    ids: (count) => t("change.products", { count }),
    line: (field, value) => t("change.line", { field, value }),
    none: "—",
  };

  /** "payment_mode.changed" → "Payment mode changed", in the reader's words; an unknown kind as recorded. */
  const kind = (k: string) => (d.has(`auditKind.${k}` as never) ? d(`auditKind.${k}` as never) : k);

  /** "stale_version" → "Changed by someone else meanwhile"; "not_failed: sent" → "…: Sent". */
  const reason = (raw: string) => {
    const { code, detail } = reasonParts(raw);
    const label = d.has(`auditReason.${code}` as never) ? d(`auditReason.${code}` as never) : d("auditReason.other", { reason: code });
    if (!detail) return label;
    const details = detail.split(",").map((x) => x.trim()).filter(Boolean).map((x) =>
      t.has(`change.field.${x}` as never) ? t(`change.field.${x}` as never)
        : t.has(`change.value.status.${x}` as never) ? t(`change.value.status.${x}` as never) : x);
    return `${label} (${details.join(", ")})`;
  };

  /** "Chrome 131 on Windows"; the browser alone or "Unknown browser" when the string says no more. */
  const browser = (userAgent: string | null) => {
    const s = userAgentSummary(userAgent);
    if (!s || (!s.browser && !s.os)) return t("request.unknownBrowser");
    if (s.browser && s.os) return t("request.browserOn", { browser: s.browser, os: s.os });
    return s.browser ?? t("request.browserOn", { browser: t("request.unknownBrowser"), os: s.os! });
  };

  return { t, d, words, kind, reason, browser };
}

export type AuditText = ReturnType<typeof wordsFor>;
const byLocale = new Map<Locale, AuditText>();
