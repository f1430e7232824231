import { describe, expect, it } from "vitest";
import { escapeHtml, paymentModeChangedEmail } from "./templates";

// 14:05 in Zurich in winter (UTC+1): the email prints the Zurich wall clock, not UTC.
const AT = new Date("2026-11-30T13:05:00Z");
const base = {
  locale: "en",
  recipientName: "Marc Keller",
  actorName: "Claire Dubois",
  customerName: "Helvetia Bakery SA",
  partnerName: "Alpine Web Studio",
  partnershipUrl: "https://manager.example.test/clients/p-123",
  at: AT,
  firstAt: AT,
  changes: 1,
  footer: { role: "legal_representative", orgName: "Alpine Web Studio", page: "clients", appUrl: "https://manager.example.test" },
} as const;

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

  it("says who made the change, of which organization, and when (Zurich time, the recipient's way)", () => {
    const mail = paymentModeChangedEmail({ ...base, from: "customer", to: "partner" });
    const sentence = "Claire Dubois of Helvetia Bakery SA changed the payment mode of its partnership with Alpine Web Studio from “Customer pays” to “Partner pays” on 30 November 2026 at 14:05 (Swiss time).";
    expect(mail.text).toContain(sentence);
    expect(mail.html).toContain(`<p>${sentence}</p>`);
    const summer = paymentModeChangedEmail({ ...base, at: new Date("2026-07-01T12:05:00Z"), firstAt: new Date("2026-07-01T12:05:00Z"), from: "customer", to: "partner" });
    expect(summer.text).toContain("on 1 July 2026 at 14:05 (Swiss time)");
    // Just after midnight in Zurich is still the previous day in UTC.
    const night = paymentModeChangedEmail({ ...base, locale: "de-CH", at: new Date("2026-11-30T23:30:00Z"), firstAt: new Date("2026-11-30T23:30:00Z"), from: "customer", to: "partner" });
    expect(night.text).toContain("am 1. Dezember 2026 um 00:30 Uhr (Schweizer Zeit)");
  });

  it.each([
    ["fr-CH", "Claire Dubois de Helvetia Bakery SA a changé le mode de paiement de son partenariat avec Alpine Web Studio de « Le client paie » en « Le partenaire paie » le 30 novembre 2026 à 14:05 (heure suisse)."],
    ["de-CH", "Claire Dubois von Helvetia Bakery SA hat den Zahlungsmodus der Partnerschaft mit Alpine Web Studio am 30. November 2026 um 14:05 Uhr (Schweizer Zeit) von «Kunde zahlt» auf «Partner zahlt» geändert."],
    ["it-CH", "Claire Dubois di Helvetia Bakery SA ha cambiato la modalità di pagamento della partnership con Alpine Web Studio da «Paga il cliente» a «Paga il partner» il 30 novembre 2026 alle 14:05 (ora svizzera)."],
  ])("names the actor and the time in %s", (locale, sentence) => {
    expect(paymentModeChangedEmail({ ...base, locale, from: "customer", to: "partner" }).text).toContain(sentence);
  });

  it("a coalesced email states the final mode and how many changes it sums up", () => {
    const mail = paymentModeChangedEmail({ ...base, firstAt: new Date("2026-11-30T13:03:40Z"), changes: 3, from: "customer", to: "partner" });
    expect(mail.subject).toBe("Helvetia Bakery SA changed the payment mode to “Partner pays”");
    expect(mail.text).toContain("from “Customer pays” to “Partner pays” on 30 November 2026 at 14:05");
    expect(mail.text).toContain("This email sums up 3 changes made between 14:03 and 14:05; it states only the result.");
    expect(mail.text).toContain("you now pay the orders and renewals");
  });

  it("changed and changed back: the email still goes, says the mode is as before and that nothing changes", () => {
    const mail = paymentModeChangedEmail({ ...base, firstAt: new Date("2026-11-30T13:04:00Z"), changes: 2, from: "partner", to: "partner" });
    expect(mail.subject).toBe("Helvetia Bakery SA changed the payment mode and back: it is “Partner pays” again");
    expect(mail.text).toContain("Claire Dubois of Helvetia Bakery SA changed the payment mode of its partnership with Alpine Web Studio and then changed it back: since 30 November 2026 at 14:05 (Swiss time) it is “Partner pays” again, as before.");
    expect(mail.text).toContain("This email sums up 2 changes made between 14:04 and 14:05");
    expect(mail.text).toContain("Nothing changes for you");
    expect(mail.text).not.toContain("you now pay");
    const de = paymentModeChangedEmail({ ...base, locale: "de-CH", changes: 2, from: "partner", to: "partner" });
    expect(de.subject).toBe("Helvetia Bakery SA hat den Zahlungsmodus geändert und zurückgesetzt: wieder «Partner zahlt»");
    expect(de.text).toContain("Für Sie ändert sich nichts");
  });

  it("ends with the footer: the partner's legal representative, and where to manage its clients", () => {
    const mail = paymentModeChangedEmail({ ...base, from: "customer", to: "partner" });
    expect(mail.text.endsWith(
      "-- \nYou receive this email because you are a legal representative of Alpine Web Studio in Partner Manager: every legal representative of an organization receives these notifications.\n" +
      "Manage your clients in Partner Manager: https://manager.example.test/clients",
    )).toBe(true);
    expect(mail.html).toContain('<a href="https://manager.example.test/clients">Manage your clients in Partner Manager</a>');
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
      actorName: "<i>Mallory</i>",
      customerName: "Tom & Jerry's <b>Bakery</b>\r\nBcc: victim@example.test",
      partnerName: "<script>alert(2)</script>",
      partnershipUrl: `https://manager.example.test/clients/x?a=1&b="><script>`,
    });
    expect(mail.html).not.toMatch(/<img|<script|<b>|<i>/);
    expect(mail.html).toContain("&lt;i&gt;Mallory&lt;/i&gt;");
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
    expect(fr.html).toContain("Claire Dubois de A&amp;B &lt;SA&gt; a changé le mode de paiement");
    expect(fr.html).toContain("de « Le client paie » en « Le partenaire paie »");
    expect(fr.text).toContain("de A&B <SA> a changé");
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => paymentModeChangedEmail({ ...base, from: "customer", to: "partner", partnershipUrl: "javascript:alert(1)" }))
      .toThrow(/http/);
  });

  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
