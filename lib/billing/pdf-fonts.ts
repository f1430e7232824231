// The invoice's typeface: Arimo (SIL Open Font License 1.1, from @expo-google-fonts/arimo), the design
// published as Liberation Sans 2: metric-compatible with Helvetica and Arial, so the layout is the one
// the standard PDF fonts gave, and one of the four typefaces the Swiss QR-bill allows for its payment
// part (Arial, Frutiger, Helvetica, Liberation Sans). Embedded (subset) in each PDF, it prints Latin,
// Greek and Cyrillic text that the standard fonts, which speak Windows-1252 only, printed as "?".
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { create, type Font } from "fontkit";

/** The names the fonts are registered under in each document; swissqrbill asks for `${name}-Bold`. */
export const SANS = "Liberation Sans";
export const SANS_BOLD = `${SANS}-Bold`;

type Fonts = { regular: Font; bold: Font };
let loaded: Fonts | undefined;

/**
 * Opened once per process (about 640 KB read, from the installed package: the server's working directory
 * is the app's) and shared by every document. Opened per document instead, fontkit decoded the fonts'
 * positioning tables anew each time: 120 ms a PDF against 20 with the standard fonts.
 */
export function pdfFonts(): Fonts {
  if (loaded) return loaded;
  const dir = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "arimo");
  const open = (file: string) => create(fs.readFileSync(path.join(dir, file)));
  loaded = { regular: open("400Regular/Arimo_400Regular.ttf"), bold: open("700Bold/Arimo_700Bold.ttf") };
  return loaded;
}

/**
 * The fonts for a new document. fontkit keeps each glyph it has met with the characters it was met for,
 * and pdfkit writes those as the text a reader copies or searches: a glyph first met as a part of another
 * (the E inside É, when the previous document's subset was written) came back with none, and the next
 * document's "Empfangsschein" read "mpfangsschein". So each document starts with no glyph kept (fontkit's
 * `_glyphs`), and keeps the decoded tables. A document is drawn and written synchronously, so two never
 * share a glyph.
 */
export function fontsForDocument(): Fonts {
  const fonts = pdfFonts();
  for (const f of [fonts.regular, fonts.bold]) (f as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
  return fonts;
}

// What the typeface has no glyph for: the minus sign and the narrow no-break space of some locales'
// amounts have plain equivalents; anything else (CJK, emoji…) prints as "?" rather than as an empty box.
const PLAIN: Record<string, string> = { "\u2212": "-", "\u202f": "\u00a0" };

/** Text as the embedded typeface can print it: every character it has, kept; the rest as above. */
export function printable(s: string): string {
  const { regular, bold } = pdfFonts();
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    // Line breaks and tabs are layout, not glyphs: pdfkit handles them.
    if (cp === 0x0a || cp === 0x09 || (regular.hasGlyphForCodePoint(cp) && bold.hasGlyphForCodePoint(cp))) out += ch;
    else out += PLAIN[ch] ?? "?";
  }
  return out;
}
