// The console's words per reader: amounts formatted in the reader's locale, reasons and kinds in words,
// the user agent named as browser and system. Nothing of the raw record (minor units, codes) shows.
import { describe, expect, it } from "vitest";
import { changeText } from "@/lib/audit-format";
import { auditWords } from "./audit-words";

const order = {
  orderId: "3f2a9c1e-7b4d-4e2a-9f00-1234567890ab", kind: "new", payer: "partner", totalMinor: 100000, currency: "CHF",
  cashbackMinor: 0, renewalDate: "2027-03-01", invoiceNumber: "INV-000006",
};

describe("auditWords", () => {
  it("formats an order's amounts and codes in each reader's language", () => {
    expect(changeText(null, order, auditWords("en").words)).toBe(
      "Order: 3f2a9c1e…; Kind: New order; Payer: The partner; Total: CHF\u00a01’000.00; Cashback: CHF\u00a00.00; Renewal date: 1 Mar 2027; Invoice number: INV-000006");
    expect(changeText(null, order, auditWords("de-CH").words, { withoutIds: true })).toBe(
      "Art: Neue Bestellung; Zahler: Der Partner; Total: CHF\u00a01’000.00; Cashback: CHF\u00a00.00; Verlängerungsdatum: 01.03.2027; Rechnungsnummer: INV-000006");
    expect(changeText({ paymentMode: "customer", version: 2 }, { paymentMode: "partner", version: 3 }, auditWords("fr-CH").words))
      .toBe("Mode de paiement : Le client paie → Le partenaire paie");
  });

  it("never prints an amount in minor units or a raw reason code", () => {
    for (const locale of ["en", "fr-CH", "de-CH", "it-CH"] as const) {
      const a = auditWords(locale);
      const text = changeText({ balanceMinor: 150000 }, { balanceMinor: 50000, amountMinor: 100000, currency: "CHF" }, a.words);
      expect(text).not.toMatch(/\b(100000|150000|50000)\b|Minor/);
      for (const reason of ["stale_version", "not_failed: sent", "invalid_input: amount, label", "link_expired", "too_many_attempts", "role"]) {
        expect(a.reason(reason)).not.toMatch(/_|\bsent\b|\bamount\b|\blabel\b/);
      }
    }
  });

  it("names reasons, with their detail in words, and keeps an unknown one readable", () => {
    const a = auditWords("en");
    expect(a.reason("stale_version")).toBe("Changed by someone else meanwhile");
    expect(a.reason("not_failed: sent")).toBe("Not a failed notification (Sent)");
    expect(a.reason("invalid_input: amountMinor, paymentMode")).toBe("Invalid input (Amount, Payment mode)");
    expect(a.reason("brand_new_code")).toBe("Refused (brand_new_code)");
    expect(auditWords("de-CH").reason("stale_version")).toBe("Inzwischen von jemand anderem geändert");
  });

  it("names kinds and user agents in the reader's language", () => {
    expect(auditWords("it-CH").kind("payment_mode.changed")).toBe("Modalità di pagamento modificata");
    expect(auditWords("en").kind("something.new")).toBe("something.new");
    const chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    expect(auditWords("fr-CH").browser(chrome)).toBe("Chrome 131 sur Windows");
    expect(auditWords("de-CH").browser("curl/8.5.0")).toBe("curl 8");
    expect(auditWords("en").browser("Chromium")).toBe("Unknown browser");
    expect(auditWords("en").browser(null)).toBe("Unknown browser");
  });
});
