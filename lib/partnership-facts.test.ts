// The dates and tenses a partnership shows, for every status: the ended date is the end, not the last update.
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "@/lib/i18n/catalog";
import { translator } from "@/lib/i18n/translator";
import { listedDate, partnershipPeriod, partnershipTense } from "./partnership-facts";

const created = new Date("2024-01-10T09:00:00Z");
const activated = new Date("2024-01-12T10:00:00Z");
const ended = new Date("2025-03-01T08:00:00Z");
// A later change (a refused attempt's version bump, an access change before the end, a data repair).
const updated = new Date("2025-06-30T12:00:00Z");
const base = { createdAt: created, activatedAt: activated, endedAt: null, updatedAt: updated };

describe("partnershipTense", () => {
  it.each([
    ["active", "present"], ["pending", "future"], ["ended", "past"], ["refused", "conditional"], ["deleted", "conditional"],
  ] as const)("%s speaks in the %s", (status, tense) => {
    expect(partnershipTense(status)).toBe(tense);
  });
});

describe("listedDate", () => {
  it.each([
    ["active", { ...base, status: "active" }, { kind: "since", date: activated }],
    ["active, never activated (old rows)", { ...base, activatedAt: null, status: "active" }, { kind: "since", date: created }],
    ["pending", { ...base, activatedAt: null, status: "pending" }, { kind: "invited", date: created }],
    ["ended", { ...base, endedAt: ended, status: "ended" }, { kind: "ended", date: ended }],
    ["ended before ended_at was recorded", { ...base, status: "ended" }, { kind: "ended", date: updated }],
    ["refused", { ...base, activatedAt: null, status: "refused" }, { kind: "closed", date: updated }],
    ["deleted", { ...base, activatedAt: null, status: "deleted" }, { kind: "closed", date: updated }],
  ] as const)("%s", (_, p, expected) => {
    expect(listedDate(p)).toEqual(expected);
  });

  it("never dates an ended partnership by its start or its last update when the end is known", () => {
    const { date } = listedDate({ ...base, endedAt: ended, status: "ended" });
    expect(date).not.toEqual(activated);
    expect(date).not.toEqual(updated);
  });
});

describe("partnershipPeriod", () => {
  it("runs an ended partnership from its activation to its end", () => {
    expect(partnershipPeriod({ ...base, endedAt: ended, status: "ended" })).toEqual({ kind: "ended", from: activated, until: ended });
  });
  it("gives an active one its start, a pending one its invitation, a closed one both days", () => {
    expect(partnershipPeriod({ ...base, status: "active" })).toEqual({ kind: "active", since: activated });
    expect(partnershipPeriod({ ...base, activatedAt: null, status: "pending" })).toEqual({ kind: "pending", invited: created });
    expect(partnershipPeriod({ ...base, activatedAt: null, status: "refused" })).toEqual({ kind: "closed", invited: created, closed: updated });
  });
});

describe("the sentences in each tense", () => {
  const customerName = "Helvetia Bakery SA";
  it("says what the partner managed, manages or will manage", () => {
    const en = translator("en", "partners.access");
    expect(en("fullDetail", { tense: partnershipTense("ended"), customerName })).toBe("The partner managed all the products of Helvetia Bakery SA.");
    expect(en("fullDetail", { tense: partnershipTense("active"), customerName })).toBe("The partner manages all the products of Helvetia Bakery SA.");
    expect(en("fullDetail", { tense: partnershipTense("pending"), customerName })).toBe("Once it accepts, the partner will manage all the products of Helvetia Bakery SA.");
    expect(translator("fr-CH", "partners.access")("fullDetail", { tense: "past", customerName })).toBe("Le partenaire gérait tous les produits de Helvetia Bakery SA.");
    expect(translator("de-CH", "partners.access")("fullDetail", { tense: "past", customerName })).toBe("Der Partner verwaltete alle Produkte von Helvetia Bakery SA.");
    expect(translator("it-CH", "partners.access")("fullDetail", { tense: "future", customerName })).toBe("Una volta accettato l’invito, il partner gestirà tutti i prodotti di Helvetia Bakery SA.");
  });
  it("says what a refused or deleted invitation would have given, never that it ended", () => {
    const tense = partnershipTense("refused");
    expect(translator("en", "partners.access")("fullDetail", { tense, customerName })).toBe("The partner would have managed all the products of Helvetia Bakery SA.");
    expect(translator("en", "partners.payment")("current", { tense })).toBe("Payment mode the invitation offered:");
    expect(translator("de-CH", "partners.access")("fullDetail", { tense, customerName })).toBe("Der Partner hätte alle Produkte von Helvetia Bakery SA verwaltet.");
  });
  it("says who paid in an ended partnership in the past", () => {
    const en = translator("en", "partners.payment");
    expect(en("explanation.customer", { tense: "past" })).toMatch(/^The customer paid /);
    expect(en("explanation.partner", { tense: "present" })).toMatch(/^The partner pays /);
  });
  it("builds no possessive by appending “’s” to a name", () => {
    const en = translator("en", "partners");
    const partnerName = "Jura Hosting Partners";
    expect(translator("en", "partners.invitation")("waiting", { partnerName })).toBe("Waiting for the answer of Jura Hosting Partners.");
    expect(en("end.loses", { partnerName, customerName })).not.toMatch(/['’]s\b/);
    expect(translator("en", "invitations")("onlyLegal", { partnerName })).toBe("Only the legal representatives of Jura Hosting Partners can accept or refuse it.");
  });

  it("has no sentence in the partners and invitations catalogues that appends “’s” to a name", () => {
    const leaves = (o: unknown): string[] => (typeof o === "string" ? [o] : Object.values(o as object).flatMap(leaves));
    const sentences = [...leaves(CATALOGUES.en.partners), ...leaves(CATALOGUES.en.invitations)];
    expect(sentences.length).toBeGreaterThan(50);
    expect(sentences.filter((s) => /\}['’]s\b/.test(s))).toEqual([]);
  });
});
