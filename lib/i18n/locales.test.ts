// Which of our four locales a browser's Accept-Language, or a stored value, stands for.
import { describe, expect, it } from "vitest";
import { negotiateLocale, toLocale } from "./locales";

describe("negotiateLocale", () => {
  it.each([
    ["de-CH,de;q=0.9,en;q=0.8", "de-CH"],
    ["fr-CH, fr;q=0.9, en;q=0.8", "fr-CH"],
    ["it", "it-CH"],
    ["de-DE", "de-CH"], // German from Germany reads Swiss German (no ß)
    ["fr-FR,fr;q=0.9", "fr-CH"],
    ["en-US,en;q=0.9", "en"],
    ["es-ES,es;q=0.9,it;q=0.8,de;q=0.7", "it-CH"], // the best language we have
    ["en;q=0.5, de;q=0.9", "de-CH"], // by quality, not order
    ["rm-CH, de-CH;q=0.8", "de-CH"],
    ["de;q=0, fr", "fr-CH"], // q=0 means "not this one"
    ["*", "en"],
    ["", "en"],
    ["ja, zh;q=0.5", "en"],
    [";;;,,,q=1", "en"],
    [`${"x".repeat(10_000)},de`, "en"], // oversized: read no further than a sane header
  ])("%j → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it("reads no header as English", () => {
    expect(negotiateLocale(null)).toBe("en");
  });
});

describe("toLocale", () => {
  it.each([["fr-CH", "fr-CH"], ["de", "de-CH"], ["it_IT", "it-CH"], ["en-GB", "en"], ["xx", "en"], ["", "en"]])("%j → %s", (v, l) => {
    expect(toLocale(v)).toBe(l);
  });
});
