// Payment references and bank accounts, pure (safe in the browser too): the QR reference of an invoice
// with its mod-10 recursive check digit, and IBANs with their ISO 13616 mod-97 check digits.
/** The Swiss Payment Standards' mod-10 recursive check digit of a string of digits. */
export function mod10RecursiveCheckDigit(digits: string): number {
  if (!/^\d*$/.test(digits)) throw new RangeError("a QR reference is made of digits");
  const table = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];
  let carry = 0;
  for (const d of digits) carry = table[(carry + Number(d)) % 10]!;
  return (10 - carry) % 10;
}

/** 27 digits whose last is the mod-10 recursive check digit of the 26 before it. */
export function isValidQrReference(reference: string): boolean {
  const r = reference.replace(/\s/g, "");
  return /^\d{27}$/.test(r) && mod10RecursiveCheckDigit(r.slice(0, 26)) === Number(r[26]);
}

/**
 * The QR reference of invoice number `seq` of the payer `payerOrgId`: 14 digits naming the payer (from a
 * hash of its id: invoice numbers are sequential per payer, so the number alone is not unique), the
 * invoice's sequence number on 12 digits (INV-000006 ends in …000000000006), and the check digit. Unique
 * per invoice (a unique index backs it up) and stable: the same invoice always gets the same reference.
 */
export function invoiceQrReference(payerOrgId: string, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq >= 1e12) throw new RangeError("an invoice sequence number is 1 to 12 digits");
  const payer = (fnv1a64(payerOrgId) % 100_000_000_000_000n).toString().padStart(14, "0");
  const body = `${payer}${String(seq).padStart(12, "0")}`;
  return `${body}${mod10RecursiveCheckDigit(body)}`;
}

/** FNV-1a, 64 bits, over the UTF-8 bytes: a stable spread of an organization id over digits (not a secret). */
function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h;
}

/** As printed: "21 00000 00003 13947 14300 09017" (groups of five from the right). */
export function formatQrReference(reference: string): string {
  const r = reference.replace(/\s/g, "");
  const head = r.length % 5;
  const groups = [r.slice(0, head), ...(r.slice(head).match(/\d{5}/g) ?? [])].filter(Boolean);
  return groups.join(" ");
}

/** An IBAN as stored: upper case, no spaces. */
export function normalizeIban(input: string): string {
  return input.replace(/[\s\u00a0\u202f-]/g, "").toUpperCase();
}

/** Lengths of the IBANs of the countries our customers bank in (SEPA plus Liechtenstein and Switzerland). */
const IBAN_LENGTHS: Record<string, number> = {
  AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GR: 27,
  HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28,
  PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27,
};

export type IbanProblem = "empty" | "format" | "country" | "length" | "checksum";

/** Why an IBAN is not one (null when it is): its country's length and the mod-97 check (ISO 13616). */
export function ibanProblem(input: string): IbanProblem | null {
  const iban = normalizeIban(input);
  if (iban === "") return "empty";
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return "format";
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length === undefined) return "country";
  if (iban.length !== length) return "length";
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1 ? null : "checksum";
}

/** A Swiss or Liechtenstein QR-IBAN: a valid IBAN whose institution id (QR-IID) is 30000–31999. */
export function isQrIban(input: string): boolean {
  const iban = normalizeIban(input);
  if (ibanProblem(iban) !== null || !/^(CH|LI)/.test(iban)) return false;
  const iid = Number(iban.slice(4, 9));
  return iid >= 30_000 && iid <= 31_999;
}

/** In groups of four, as people read and type it: "CH44 3199 9123 0008 8901 2". */
export function formatIban(input: string): string {
  return normalizeIban(input).replace(/(.{4})(?=.)/g, "$1 ");
}
