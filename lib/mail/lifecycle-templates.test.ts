import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import {
  accessChangedEmail, invitationAnsweredEmail, invitationEmail, invitationWithdrawnEmail,
  partnershipEndedEmail, paymentModeConfirmedEmail,
} from "./lifecycle-templates";

const people = { locale: "en", recipientName: "Ines Favre", customerName: "Helvetia Bakery SA", partnerName: "Jura Hosting Partners" };
const URL_ = "https://manager.example.test/invitations/tok_123";

describe("invitationEmail", () => {
  it("full access: who invites, the payment mode and what it means, the link and its expiry", () => {
    const mail = invitationEmail({
      ...people, actorName: "Claire Dubois", access: "full", paymentMode: "partner", products: [],
      expiresAt: new Date("2025-06-14T10:00:00Z"), invitationUrl: URL_,
    });
    expect(mail.subject).toBe("Helvetia Bakery SA invites Jura Hosting Partners to become its partner");
    expect(mail.text).toContain("Hello Ines Favre,");
    expect(mail.text).toContain("Claire Dubois of Helvetia Bakery SA invites Jura Hosting Partners");
    expect(mail.text).toContain('Payment mode: “Partner pays”');
    expect(mail.text).toContain("at your reseller discount");
    expect(mail.text).toContain("expires on 14 June 2025");
    expect(mail.text).toContain(URL_);
    expect(mail.html).toContain(`<a href="${URL_}">Accept or refuse the invitation</a>`);
  });

  it("limited access lists the products", () => {
    const mail = invitationEmail({
      ...people, actorName: "Claire", access: "limited", paymentMode: "customer", products: ["Domain .ch (Domain)", "Web <Pro>"],
      expiresAt: new Date("2025-06-14T10:00:00Z"), invitationUrl: URL_,
    });
    expect(mail.text).toContain("- Domain .ch (Domain)\n- Web <Pro>");
    expect(mail.html).toContain("<li>Web &lt;Pro&gt;</li>");
    expect(mail.text).not.toContain("Payment mode");
  });
});

describe("the other lifecycle emails", () => {
  it("answered: accepted and refused", () => {
    const yes = invitationAnsweredEmail({ ...people, actorName: "Ines Favre", answer: "accept", url: URL_ });
    expect(yes.subject).toBe("Jura Hosting Partners accepted your invitation");
    expect(yes.text).toContain("The partnership is active from now on");
    const no = invitationAnsweredEmail({ ...people, actorName: "Ines Favre", answer: "refuse", url: URL_ });
    expect(no.subject).toBe("Jura Hosting Partners refused your invitation");
  });

  it("withdrawn", () => {
    expect(invitationWithdrawnEmail({ ...people, url: URL_ }).text).toContain("The link of the earlier email no longer works");
  });

  it("access changed to limited says the payment mode went back to customer", () => {
    const mail = accessChangedEmail({ ...people, from: "full", to: "limited", paymentMode: "customer", products: ["A"], paymentModeReset: true, url: URL_ });
    expect(mail.subject).toBe('Helvetia Bakery SA changed your access to “Limited”');
    expect(mail.text).toContain('from “Full” to “Limited”');
    expect(mail.text).toContain('the payment mode went back to “Customer pays”');
    const full = accessChangedEmail({ ...people, from: "limited", to: "full", paymentMode: "customer", products: [], paymentModeReset: false, url: URL_ });
    expect(full.text).toContain("You now manage all of Helvetia Bakery SA’s products");
    expect(full.text).not.toContain("went back");
  });

  it("ended: worded for the side that receives it", () => {
    const toCustomer = partnershipEndedEmail({ ...people, recipientSide: "customer", actorName: "Ines Favre", url: URL_ });
    expect(toCustomer.subject).toBe("Jura Hosting Partners ended its partnership with Helvetia Bakery SA");
    expect(toCustomer.text).toContain("renewals are invoiced to Helvetia Bakery SA");
    const toPartner = partnershipEndedEmail({ ...people, recipientSide: "partner", actorName: "Claire Dubois", url: URL_ });
    expect(toPartner.subject).toBe("Helvetia Bakery SA ended its partnership with Jura Hosting Partners");
  });

  it("payment-mode confirmation to the customer", () => {
    const mail = paymentModeConfirmedEmail({ ...people, actorName: "Claire Dubois", from: "customer", to: "partner", url: URL_ });
    expect(mail.subject).toBe('Payment mode with Jura Hosting Partners is now “Partner pays”');
    expect(mail.text).toContain('from “Customer pays” to “Partner pays”');
    expect(mail.text).toContain("Jura Hosting Partners has been notified by email");
  });

  it("escapes values in HTML, keeps the subject on one line, and refuses non-http links", () => {
    const mail = invitationAnsweredEmail({ ...people, customerName: "<b>Evil</b>\r\nBcc: x@y", actorName: `"><script>`, answer: "accept", url: URL_ });
    expect(mail.html).not.toMatch(/<script|<b>/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(() => invitationWithdrawnEmail({ ...people, url: "javascript:alert(1)" })).toThrow(/http/);
  });
});

describe("in the recipient's language", () => {
  const expiresAt = new Date("2025-06-14T10:00:00Z");
  const invite = (locale: string) => invitationEmail({
    ...people, locale, actorName: "Claire Dubois", access: "full", paymentMode: "partner", products: [], expiresAt, invitationUrl: URL_,
  });

  it("writes the invitation in German for a German reader: words, labels, date, <html lang>", () => {
    const mail = invite("de-CH");
    expect(mail.locale).toBe("de-CH");
    expect(mail.subject).toBe("Helvetia Bakery SA lädt Jura Hosting Partners ein, Partner zu werden");
    expect(mail.text).toContain("Guten Tag Ines Favre");
    expect(mail.text).toContain("Zugriff: «Vollständig»");
    expect(mail.text).toContain("Zahlungsmodus: «Partner zahlt»");
    expect(mail.text).toContain("läuft am 14. Juni 2025 ab");
    expect(mail.text).not.toContain("ß");
    expect(mail.html).toContain('<html lang="de-CH">');
    expect(mail.html).toContain(`<a href="${URL_}">Einladung annehmen oder ablehnen</a>`);
  });

  it("in French and Italian too, with the terms of the glossary", () => {
    expect(invite("fr-CH").text).toContain("Mode de paiement : « Le partenaire paie »");
    expect(invite("fr-CH").text).toContain("expire le 14 juin 2025");
    expect(invite("it-CH").text).toContain("Modalità di pagamento: «Paga il partner»");
    const ended = partnershipEndedEmail({ ...people, locale: "fr-CH", recipientSide: "customer", actorName: "Ines Favre", url: URL_ });
    expect(ended.subject).toBe("Jura Hosting Partners a mis fin à son partenariat avec Helvetia Bakery SA");
  });

  it("reads a browser-style or unknown locale as the nearest language, else English", () => {
    expect(invitationWithdrawnEmail({ ...people, locale: "de", url: URL_ }).locale).toBe("de-CH");
    expect(invitationWithdrawnEmail({ ...people, locale: "xx-YY", url: URL_ })).toEqual(invitationWithdrawnEmail({ ...people, url: URL_ }));
  });

  it.each(LOCALES)("renders every template in %s with no key or placeholder left over", (locale) => {
    const all = [
      invite(locale),
      invitationEmail({ ...people, locale, actorName: "A", access: "limited", paymentMode: "customer", products: ["P"], expiresAt, invitationUrl: URL_ }),
      invitationWithdrawnEmail({ ...people, locale, url: URL_ }),
      ...(["accept", "refuse"] as const).map((answer) => invitationAnsweredEmail({ ...people, locale, actorName: "A", answer, url: URL_ })),
      accessChangedEmail({ ...people, locale, from: "full", to: "limited", paymentMode: "customer", products: ["A"], paymentModeReset: true, url: URL_ }),
      accessChangedEmail({ ...people, locale, from: "limited", to: "full", paymentMode: "partner", products: [], paymentModeReset: false, url: URL_ }),
      ...(["customer", "partner"] as const).map((recipientSide) => partnershipEndedEmail({ ...people, locale, recipientSide, actorName: "A", url: URL_ })),
      ...(["customer", "partner"] as const).map((to) => paymentModeConfirmedEmail({ ...people, locale, actorName: "A", from: to === "partner" ? "customer" : "partner", to, url: URL_ })),
    ];
    for (const mail of all) {
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toMatch(/[{}]|\bemail\.[a-z]|\u0000/);
      }
      expect(mail.html).toContain(`<html lang="${locale}">`);
    }
  });
});
