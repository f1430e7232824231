import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inSpsCharacterSet, spsText } from "./sps-text";

const inSet = (s: string) => [...s].every((ch) => inSpsCharacterSet(ch.codePointAt(0)!));

describe("the QR-bill's character set (Swiss Implementation Guidelines QR-bill 2.3)", () => {
  it("holds Basic Latin, Latin-1 Supplement, Latin Extended-A, Ș ș Ț ț and €, and nothing else", () => {
    const held = [[0x20, 0x7e], [0xa0, 0xff], [0x100, 0x17f], [0x218, 0x21b], [0x20ac, 0x20ac]];
    for (let cp = 0; cp <= 0x2fff; cp++) {
      expect(inSpsCharacterSet(cp), cp.toString(16)).toBe(held.some(([a, b]) => cp >= a! && cp <= b!));
    }
    expect(inSpsCharacterSet(0x1f600)).toBe(false);
  });

  it("keeps every text the set holds as it is", () => {
    for (const s of ["Alpine Web Studio", "Dvořák & Łódź s.r.o.", "Ștefan Țurcanu", "Prix: 12 €", "Zürich ^~`"]) {
      expect(spsText(s)).toBe(s);
    }
  });

  it("writes each other character with what it is made of, in Latin letters, or as ?", () => {
    expect(spsText("Cafe\u0301")).toBe("Café"); // a combining accent, composed
    expect(spsText("Nguyễn Thị Ǎ")).toBe("Nguyen Thi A"); // beyond Latin Extended-A: the bare letter
    expect(spsText("ﬁne Ａ１")).toBe("fine A1"); // a ligature, full-width forms
    expect(spsText("Müller–Weiß “GmbH” …")).toBe('Müller-Weiß "GmbH" ...');
    expect(spsText("Москва, Щукин, ЖУК")).toBe("Moskva, Shchukin, ZHUK");
    expect(spsText("Київ Ґанок")).toBe("Kiiv Ganok"); // ICAO writes и, і and ї alike
    expect(spsText("Ελλάς Θεσσαλονίκη")).toBe("Ellas Thessaloniki");
    expect(spsText("東京 1")).toBe("?? 1");
    expect(spsText("a😀b 👨‍👩‍👧 🇨🇭")).toBe("a?b ? ?"); // an emoji, a family, a flag: one character each to a reader
    expect(spsText("line\nbreak\ttab")).toBe("line break tab");
    expect(spsText("nul\u0000here")).toBe("nul?here");
    expect(spsText("30\u200b00 a\u200db \u202eevil\u202c\ufeff")).toBe("3000 ab evil"); // invisible format characters: nothing
    expect(spsText("\ud800")).toBe("?"); // half of a pair, alone
    expect(spsText("ь")).toBe("?");
    expect(spsText("\u200b")).toBe("?");
  });

  it("writes a capital's letters as capitals in a word of capitals only (ICAO 9303)", () => {
    expect(spsText("Жуков ЖУКОВ Ж. Щ")).toBe("Zhukov ZHUKOV Zh. Shch");
    expect(spsText("ЩУКИН, ΑΘΗΝΑ, Θεσσαλονίκη")).toBe("SHCHUKIN, ATHINA, Thessaloniki");
  });

  it("writes Greek digraphs as ELOT 743 does", () => {
    // αυ, ευ before a vowel or a voiced consonant, before a voiceless one or at the end of a word
    expect(spsText("Ευάγγελος Αύγουστος Ευτυχία Ζευς")).toBe("Evangelos Avgoustos Eftychia Zefs");
    // an accent on the first vowel or a diaeresis on the second keeps the two apart
    expect(spsText("άυλος αϋπνία")).toBe("aylos aypnia");
    expect(spsText("Ουρανία Παπαδόπουλος Σφίγξ")).toBe("Ourania Papadopoulos Sfinx");
    // μπ is b at the start of a word and mp within one
    expect(spsText("Μπακογιάννης Λαμπράκης")).toBe("Bakogiannis Lamprakis");
    expect(spsText("ΕΥΑΓΓΕΛΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ")).toBe("EVANGELOS PAPADOPOULOS");
  });

  it("always answers text the set holds, never empty for text that was not (fast-check)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => {
      const out = spsText(s);
      expect(inSet(out)).toBe(true);
      if (s) expect(out.length).toBeGreaterThan(0);
      if (inSet(s)) expect(out).toBe(s);
    }), { numRuns: 2_000 });
  });
});
