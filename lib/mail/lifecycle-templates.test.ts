import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import {
  accessChangedEmail, invitationAnsweredEmail, invitationEmail, invitationWithdrawnEmail,
  partnershipEndedEmail, paymentModeConfirmedEmail,
} from "./lifecycle-templates";

const footer = { role: "legal_representative", orgName: "Jura Hosting Partners", page: "clients", appUrl: "https://manager.example.test" } as const;
// 14:05 in Zurich (summer time): the emails must print the Zurich wall clock, not UTC.
const AT = new Date("2025-06-10T12:05:00Z");
const people = {
  locale: "en", recipientName: "Ines Favre", customerName: "Helvetia Bakery SA", partnerName: "Jura Hosting Partners", footer,
  actorName: "Claire Dubois", at: AT,
};
const once = { at: AT, firstAt: AT, changes: 1 };
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

  it("each names who did it, of which organization, and when, in Zurich time", () => {
    expect(invitationWithdrawnEmail({ ...people, url: URL_ }).text)
      .toContain("Claire Dubois of Helvetia Bakery SA withdrew its invitation to Jura Hosting Partners on 10 June 2025 at 14:05 (Swiss time).");
    expect(accessChangedEmail({ ...people, from: "full", to: "limited", paymentMode: "customer", products: ["A"], paymentModeReset: true, url: URL_ }).text)
      .toContain("Claire Dubois of Helvetia Bakery SA changed the access rights of its partnership with Jura Hosting Partners from “Full” to “Limited” on 10 June 2025 at 14:05 (Swiss time).");
    expect(invitationAnsweredEmail({ ...people, actorName: "Ines Favre", answer: "accept", url: URL_ }).text)
      .toContain("Ines Favre accepted, for Jura Hosting Partners, the invitation of Helvetia Bakery SA on 10 June 2025 at 14:05 (Swiss time).");
    expect(invitationAnsweredEmail({ ...people, locale: "de-CH", actorName: "Ines Favre", answer: "refuse", url: URL_ }).text)
      .toContain("Ines Favre hat für Jura Hosting Partners die Einladung von Helvetia Bakery SA am 10. Juni 2025 um 14:05 Uhr (Schweizer Zeit) abgelehnt.");
    expect(partnershipEndedEmail({ ...people, locale: "fr-CH", recipientSide: "partner", url: URL_ }).text)
      .toContain("Claire Dubois, de Helvetia Bakery SA, a mis fin au partenariat avec Jura Hosting Partners le 10 juin 2025 à 14:05 (heure suisse).");
    expect(partnershipEndedEmail({ ...people, locale: "it-CH", actorName: "Ines Favre", recipientSide: "customer", url: URL_ }).text)
      .toContain("Ines Favre di Jura Hosting Partners ha terminato la partnership con Helvetia Bakery SA il 10 giugno 2025 alle 14:05 (ora svizzera).");
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

  it("payment-mode confirmation to the customer: who and when, in Zurich time", () => {
    const mail = paymentModeConfirmedEmail({ ...people, ...once, actorName: "Claire Dubois", recipientIsActor: false, from: "customer", to: "partner", url: URL_ });
    expect(mail.subject).toBe('Payment mode with Jura Hosting Partners is now “Partner pays”');
    expect(mail.text).toContain("Claire Dubois changed the payment mode of Helvetia Bakery SA’s partnership with Jura Hosting Partners from “Customer pays” to “Partner pays” on 10 June 2025 at 14:05 (Swiss time).");
    expect(mail.text).toContain("Jura Hosting Partners has been notified by email");
    expect(mail.text).not.toContain("sums up");
  });

  it("the actor's own copy says “You changed…”, never their own name after the greeting", () => {
    const mail = paymentModeConfirmedEmail({
      ...people, ...once, recipientName: "Claire Dubois", actorName: "Claire Dubois", recipientIsActor: true, from: "customer", to: "partner", url: URL_,
    });
    expect(mail.text).toContain("Hello Claire Dubois,\n\nYou changed the payment mode of Helvetia Bakery SA’s partnership");
    expect(mail.text.match(/Claire Dubois/g)).toHaveLength(1);
    expect(mail.html).toContain("<p>You changed the payment mode");
    const fr = paymentModeConfirmedEmail({ ...people, ...once, locale: "fr-CH", actorName: "Claire Dubois", recipientIsActor: true, from: "customer", to: "partner", url: URL_ });
    expect(fr.text).toContain("Vous avez changé le mode de paiement du partenariat de Helvetia Bakery SA avec Jura Hosting Partners de « Le client paie » en « Le partenaire paie » le 10 juin 2025 à 14:05 (heure suisse).");
    const de = paymentModeConfirmedEmail({ ...people, ...once, locale: "de-CH", actorName: "Claire Dubois", recipientIsActor: true, from: "customer", to: "partner", url: URL_ });
    expect(de.text).toContain("Sie haben den Zahlungsmodus der Partnerschaft von Helvetia Bakery SA mit Jura Hosting Partners am 10. Juni 2025 um 14:05 Uhr (Schweizer Zeit) von «Kunde zahlt» auf «Partner zahlt» geändert.");
    const it_ = paymentModeConfirmedEmail({ ...people, ...once, locale: "it-CH", actorName: "Claire Dubois", recipientIsActor: true, from: "customer", to: "partner", url: URL_ });
    expect(it_.text).toContain("Lei ha cambiato la modalità di pagamento della partnership di Helvetia Bakery SA con Jura Hosting Partners da «Paga il cliente» a «Paga il partner» il 10 giugno 2025 alle 14:05 (ora svizzera).");
    for (const m of [fr, de, it_]) expect(m.text).not.toContain("Claire Dubois");
  });

  it("a coalesced confirmation sums the changes up; changed and back says so, without “what it means now”", () => {
    const several = { at: AT, firstAt: new Date("2025-06-10T12:04:00Z"), changes: 4 };
    const back = paymentModeConfirmedEmail({ ...people, ...several, actorName: "Claire Dubois", recipientIsActor: true, from: "customer", to: "customer", url: URL_ });
    expect(back.text).toContain("You changed the payment mode of Helvetia Bakery SA’s partnership with Jura Hosting Partners and then changed it back: since 10 June 2025 at 14:05 (Swiss time) it is “Customer pays” again, as before.");
    expect(back.text).toContain("This email sums up 4 changes made between 14:04 and 14:05; it states only the result.");
    expect(back.subject).toBe("Payment mode with Jura Hosting Partners is now “Customer pays”");
    expect(back.text).not.toContain("now pays");
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
      ...(["customer", "partner"] as const).flatMap((to) => [true, false].flatMap((recipientIsActor) => [to, to === "partner" ? "customer" as const : "partner" as const].map((from) =>
        paymentModeConfirmedEmail({ ...people, locale, at: AT, firstAt: AT, changes: 3, actorName: "A", recipientIsActor, from, to, url: URL_ })))),
      ...(["partners", "clients", "invoices"] as const).flatMap((page) => (["legal_representative", "administrator", "collaborator"] as const).map((role) =>
        invitationWithdrawnEmail({ ...people, locale, url: URL_, footer: { ...footer, page, role } }))),
    ];
    for (const mail of all) {
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toMatch(/[{}]|\bemail\.[a-z]|\u0000/);
      }
      expect(mail.html).toContain(`<html lang="${locale}">`);
      expect(mail.text).toContain("\n-- \n");
      expect(mail.html).toContain("<footer");
    }
  });
});

describe("the footer: why the recipient gets it and where to manage it", () => {
  it("names the recipient's role and organization, and links to the page of APP_URL, in text and HTML", () => {
    const mail = invitationWithdrawnEmail({ ...people, url: URL_ });
    const [body, foot] = mail.text.split("\n-- \n");
    expect(body).toContain("The link of the earlier email no longer works");
    expect(foot).toBe(
      "You receive this email because you are a legal representative of Jura Hosting Partners in Partner Manager: every legal representative of an organization receives these notifications.\n" +
      "Manage your clients in Partner Manager: https://manager.example.test/clients",
    );
    expect(mail.html).toMatch(/<footer[^>]*><p>You receive this email because you are a legal representative of Jura Hosting Partners in Partner Manager/);
    expect(mail.html).toContain('<a href="https://manager.example.test/clients">Manage your clients in Partner Manager</a></p></footer>');
  });

  it.each([
    ["fr-CH", "Vous recevez cet e-mail parce que vous êtes représentant légal de Jura Hosting Partners", "Gérer vos clients dans Partner Manager"],
    ["de-CH", "Sie erhalten diese E-Mail, weil Sie in Partner Manager als gesetzlicher Vertreter von Jura Hosting Partners eingetragen sind", "Ihre Kunden in Partner Manager verwalten"],
    ["it-CH", "Riceve questa e-mail perché in Partner Manager è rappresentante legale di Jura Hosting Partners", "Gestire i Suoi clienti in Partner Manager"],
  ])("in %s", (locale, reason, manage) => {
    const mail = invitationWithdrawnEmail({ ...people, locale, url: URL_ });
    const foot = mail.text.split("\n-- \n")[1];
    expect(foot).toContain(reason);
    // French sets a no-break space before the colon.
    expect(foot).toContain(`${manage}${locale === "fr-CH" ? "\u00a0:" : ":"} https://manager.example.test/clients`);
    // The email's own link line too.
    expect(mail.text.match(/.: https:/g)).toHaveLength(2);
    expect(mail.text.match(/\u00a0: https:/g) ?? []).toHaveLength(locale === "fr-CH" ? 2 : 0);
    expect(mail.html).toContain(`<a href="https://manager.example.test/clients">${manage}</a>`);
  });

  it("escapes the organization's name in HTML and refuses an APP_URL that is not http(s)", () => {
    const mail = invitationWithdrawnEmail({ ...people, url: URL_, footer: { ...footer, orgName: "<b>Evil</b> & Co" } });
    expect(mail.html).toContain("legal representative of &lt;b&gt;Evil&lt;/b&gt; &amp; Co in Partner Manager");
    expect(mail.html).not.toContain("<b>Evil");
    expect(() => invitationWithdrawnEmail({ ...people, url: URL_, footer: { ...footer, appUrl: "javascript:alert(1)//" } })).toThrow(/http/);
  });
});
