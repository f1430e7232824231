// The audit words, remembered for the length of one export (see rememberedWords).
import type { AuditWords } from "@/lib/audit-format";

/**
 * The words of one export, remembered: a million rows name the same few fields and codes over and over,
 * and each translation formats an ICU message. "{field}: {value}" is formatted once with markers and
 * then filled in (when the message puts each marker once, field first; otherwise every call formats).
 */
export function rememberedWords(w: AuditWords): AuditWords {
  const fields = new Map<string, string>();
  const codes = new Map<string, string>();
  const amounts = new Map<string, string>();
  const template = w.line("\u0001", "\u0002");
  const [before, middle, after] = template.split(/[\u0001\u0002]/);
  const fill = template.indexOf("\u0001") < template.indexOf("\u0002") && template.split(/[\u0001\u0002]/).length === 3
    ? (field: string, value: string) => `${before}${field}${middle}${value}${after}`
    : w.line;
  return {
    ...w,
    field: (key) => fields.get(key) ?? (fields.set(key, w.field(key)), fields.get(key)!),
    code: (field, code) => {
      const key = `${field}\u0000${code}`;
      return codes.get(key) ?? (codes.set(key, w.code(field, code)), codes.get(key)!);
    },
    // Amounts repeat (a catalogue's prices): remembered too, up to a bound, as each is an Intl format.
    money: (minor, currency) => {
      const key = `${currency}\u0000${minor}`;
      const known = amounts.get(key);
      if (known !== undefined) return known;
      const text = w.money(minor, currency);
      if (amounts.size < 10_000) amounts.set(key, text);
      return text;
    },
    line: fill,
  };
}
