import { describe, expect, it } from "vitest";
import { quoteSentence, type QuoteInput } from "./quote";
import type { BillingPartnership } from "./rules";

const alpine = (paymentMode: "customer" | "partner"): BillingPartnership => ({
  id: "ps", status: "active", access: "full", paymentMode, activatedAt: new Date(0), managesProduct: false,
  partner: { id: "alpine", name: "Alpine Web Studio", currency: "CHF", vatRateBp: null, resellerRateBp: 2000 },
});
const base = (over: Partial<QuoteInput>): QuoteInput => ({
  kind: "renewal", viewerOrgId: "helvetia", customer: { id: "helvetia", name: "Helvetia Bakery SA", currency: "CHF", vatRateBp: null },
  partnerships: [alpine("customer")], product: { label: "Web Hosting Pro", priceMinor: 16_800, currency: "CHF" },
  period: { start: "2026-03-01", end: "2027-03-01" }, placedBy: { side: "customer" }, ...over,
});

// Amounts carry a no-break space between code and digits (lib/format.ts); the sentences read with a plain one.
const plain = (s: string) => s.replace(/\u00a0/g, " ");

describe("quoteSentence", () => {
  it("tells the customer what it pays and what its partner earns", () => {
    expect(plain(quoteSentence(base({})).text)).toBe(
      "Invoiced to you: CHF 181.61 (CHF 168.00 + 8.1 % VAT). Alpine Web Studio earns CHF 33.60 cashback.");
  });

  it("tells the paying partner its discounted price", () => {
    expect(plain(quoteSentence(base({ viewerOrgId: "alpine", partnerships: [alpine("partner")], placedBy: { side: "partner", partnerOrgId: "alpine" } })).text))
      .toBe("Invoiced to you: CHF 145.29 (CHF 168.00 − CHF 33.60 reseller discount + 8.1 % VAT).");
  });

  it("tells the partner in customer mode who pays and its cashback", () => {
    expect(plain(quoteSentence(base({ viewerOrgId: "alpine", placedBy: { side: "partner", partnerOrgId: "alpine" } })).text))
      .toBe("Invoiced to Helvetia Bakery SA: CHF 181.61 (CHF 168.00 + 8.1 % VAT). You earn CHF 33.60 cashback.");
  });

  it("explains a refusal", () => {
    const limited = { ...alpine("customer"), access: "limited" as const };
    expect(quoteSentence(base({ viewerOrgId: "alpine", partnerships: [limited], placedBy: { side: "partner", partnerOrgId: "alpine" } })))
      .toEqual({ ok: false, text: "Only the client can order or renew this product." });
  });

  it("speaks the reader's language, with Swiss formats", () => {
    expect(plain(quoteSentence(base({ locale: "de-CH", viewerOrgId: "alpine", placedBy: { side: "partner", partnerOrgId: "alpine" } })).text))
      .toBe("Rechnung an Helvetia Bakery SA: CHF 181.61 (CHF 168.00 + 8.1 % MWST). Sie verdienen CHF 33.60 Cashback.");
    expect(quoteSentence(base({ locale: "fr-CH" })).text.replace(/[\u00a0\u202f]/g, " "))
      .toBe("Facturé à votre organisation : 181,61 CHF (168,00 CHF + 8,1 % de TVA). Alpine Web Studio gagne 33,60 CHF de cashback.");
  });
});
