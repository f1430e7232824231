import { describe, expect, it } from "vitest";
import { escapeHtml, paymentModeChangedEmail } from "./templates";

const base = {
  locale: "en",
  recipientName: "Marc Keller",
  customerName: "Helvetia Bakery SA",
  partnerName: "Alpine Web Studio",
  partnershipUrl: "https://manager.example.test/clients/p-123",
};

describe("paymentModeChangedEmail", () => {
  it("names the customer, both modes, what the partner now pays, and links to the partnership", () => {
    const mail = paymentModeChangedEmail({ ...base, from: "customer", to: "partner" });
    expect(mail.subject).toBe("Helvetia Bakery SA changed the payment mode to “Partner pays”");
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain("Helvetia Bakery SA");
      expect(body).toContain("Alpine Web Studio");
      expect(body).toContain("from “Customer pays” to “Partner pays”");
      expect(body).toContain("you now pay the orders and renewals");
      expect(body).toContain("reseller discount");
      expect(body).toContain("Invoices already issued do not move");
    }
    expect(mail.text).toContain("Hello Marc Keller,");
    expect(mail.text).toContain("Open the partnership in Partner Manager: https://manager.example.test/clients/p-123");
    expect(mail.html).toContain('<a href="https://manager.example.test/clients/p-123">');
  });

  it("tells the partner it earns cashback when the customer pays again", () => {
    const mail = paymentModeChangedEmail({ ...base, from: "partner", to: "customer" });
    expect(mail.subject).toContain("“Customer pays”");
    expect(mail.text).toContain("from “Partner pays” to “Customer pays”");
    expect(mail.text).toContain("You earn cashback on them in your prepaid account");
    expect(mail.text).not.toContain("reseller discount");
  });

  it("escapes every interpolated value in the HTML body and keeps the subject on one line", () => {
    const mail = paymentModeChangedEmail({
      ...base,
      from: "customer",
      to: "partner",
      recipientName: `<img src=x onerror="alert(1)">`,
      customerName: "Tom & Jerry's <b>Bakery</b>\r\nBcc: victim@example.test",
      partnerName: "<script>alert(2)</script>",
      partnershipUrl: `https://manager.example.test/clients/x?a=1&b="><script>`,
    });
    expect(mail.html).not.toMatch(/<img|<script|<b>/);
    expect(mail.html).toContain("Tom &amp; Jerry&#39;s &lt;b&gt;Bakery&lt;/b&gt;");
    expect(mail.html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(mail.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(mail.html).not.toContain('b="');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    // The text body is plain text: shown as typed, nothing to escape.
    expect(mail.text).toContain("Tom & Jerry's <b>Bakery</b>");
  });

  it("is written in the recipient's language, whatever the sender's", () => {
    const de = paymentModeChangedEmail({ ...base, locale: "de-CH", from: "customer", to: "partner" });
    expect(de.subject).toBe("Helvetia Bakery SA hat den Zahlungsmodus auf «Partner zahlt» geändert");
    expect(de.text).toContain("Guten Tag Marc Keller");
    expect(de.text).toContain("von «Kunde zahlt» auf «Partner zahlt»");
    expect(de.text).toContain("Wiederverkäuferrabatt");
    expect(de.html).toContain('<html lang="de-CH">');
    expect(de.locale).toBe("de-CH");
    const it_ = paymentModeChangedEmail({ ...base, locale: "it-CH", from: "partner", to: "customer" });
    expect(it_.subject).toBe("Helvetia Bakery SA ha cambiato la modalità di pagamento in «Paga il cliente»");
  });

  it("escapes the sentence as well as the values in HTML", () => {
    const fr = paymentModeChangedEmail({ ...base, locale: "fr-CH", customerName: "A&B <SA>", from: "customer", to: "partner" });
    expect(fr.html).toContain("A&amp;B &lt;SA&gt; a changé le mode de paiement");
    expect(fr.html).toContain("de « Le client paie » en « Le partenaire paie »");
    expect(fr.text).toContain("A&B <SA> a changé");
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => paymentModeChangedEmail({ ...base, from: "customer", to: "partner", partnershipUrl: "javascript:alert(1)" }))
      .toThrow(/http/);
  });

  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
