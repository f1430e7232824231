// The scheduled switch's emails in each recipient's language, with every value escaped in HTML.
import { describe, expect, it } from "vitest";
import { switchAppliedEmail, switchCancelledEmail, switchDroppedEmail, switchScheduledEmail } from "./schedule-templates";

const common = { recipientName: "Marc Keller", customerName: "Helvetia <Bakery> SA", partnerName: "Alpine Web Studio", url: "https://manager.example.test/clients/p1",
  footer: { role: "legal_representative" as const, orgName: "Alpine Web Studio", page: "clients" as const, appUrl: "https://manager.example.test" },
};

describe("scheduled switch emails", () => {
  it("say who scheduled what for when, in German for Marc, escaping names in HTML", () => {
    const mail = switchScheduledEmail({ ...common, locale: "de-CH", actorName: "Claire Dubois", from: "customer", to: "partner", effectiveDate: "2027-01-01" });
    expect(mail.subject).toBe("Helvetia <Bakery> SA hat den Zahlungsmodus «Partner zahlt» ab 01.01.2027 geplant");
    expect(mail.text).toContain("Claire Dubois (Helvetia <Bakery> SA) hat geplant, den Zahlungsmodus Ihrer Partnerschaft am 01.01.2027 um 00:00 Uhr (Zürcher Zeit) von «Kunde zahlt» auf «Partner zahlt» zu wechseln.");
    expect(mail.html).toContain("Helvetia &lt;Bakery&gt; SA");
    expect(mail.html).not.toContain("<Bakery>");
    expect(mail.locale).toBe("de-CH");
  });

  it("mention the switch a new one replaces", () => {
    const mail = switchScheduledEmail({ ...common, locale: "en", actorName: "Claire Dubois", from: "customer", to: "partner", effectiveDate: "2027-02-01", replaces: { to: "partner", effectiveDate: "2027-01-01" } });
    expect(mail.text).toContain("This replaces the switch to “Partner pays” planned for 1 Jan 2027.");
  });

  it("say why a switch was dropped, and that an access downgrade cancelled one", () => {
    const fr = switchDroppedEmail({ ...common, locale: "fr-CH", to: "partner", current: "customer", effectiveDate: "2027-01-01", reason: "ended" });
    expect(fr.text).toContain("n’a pas été appliqué\u00a0: le partenariat a pris fin.");
    expect(fr.subject).toBe("Le changement de mode de paiement planifié n’a pas été appliqué");
    const it = switchCancelledEmail({ ...common, locale: "it-CH", actorName: "", to: "partner", current: "customer", effectiveDate: "2027-01-01", because: "access_limited" });
    expect(it.text).toContain("accesso limitato");
    const applied = switchAppliedEmail({ ...common, locale: "en", from: "customer", to: "partner", effectiveDate: "2027-01-01", scheduledAt: new Date("2026-11-30T10:00:00Z") });
    expect(applied.subject).toBe("The payment mode with Helvetia <Bakery> SA is now “Partner pays”");
    expect(applied.text).toContain("on 1 Jan 2027 at 00:00 (Zurich time)");
  });

  it("end with the footer every email has: why the recipient gets it and where to manage it", () => {
    const de = switchScheduledEmail({ ...common, locale: "de-CH", actorName: "Claire Dubois", from: "customer", to: "partner", effectiveDate: "2027-01-01" });
    expect(de.text).toMatch(/\n-- \n.*Alpine Web Studio.*\n.*: https:\/\/manager\.example\.test\/clients$/);
    expect(de.html).toMatch(/<footer[^>]*>.*Alpine Web Studio.*<a href="https:\/\/manager\.example\.test\/clients">.*<\/footer><\/body><\/html>$/);
    const en = switchDroppedEmail({ ...common, locale: "en", to: "partner", current: "customer", effectiveDate: "2027-01-01", reason: "changed",
      footer: { role: "legal_representative", orgName: "Helvetia Bakery SA", page: "partners", appUrl: "https://manager.example.test/" } });
    expect(en.text).toContain("You receive this email because you are a legal representative of Helvetia Bakery SA in Partner Manager");
    expect(en.text.endsWith(": https://manager.example.test/partners")).toBe(true);
  });
});
