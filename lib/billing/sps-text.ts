// Text as the Swiss Payment Standards let a QR-bill carry it. The Swiss Implementation Guidelines for
// the QR-bill (2.3; for QR-bills since 21 November 2025) permit Basic Latin (U+0020–U+007E), Latin-1
// Supplement (U+00A0–U+00FF), Latin Extended-A (U+0100–U+017F), Ș ș Ț ț (U+0218–U+021B) and € (U+20AC),
// nothing else. A code with any other character is not a valid QR-bill: a bank's app may refuse to scan
// it, and the customer cannot pay. Names and addresses are the customers' own, in any script, so each
// character outside the set is written with what it is made of, or in Latin letters, or as "?".

/** Whether the QR-bill's character set holds this code point. */
export function inSpsCharacterSet(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0x17f) || (cp >= 0x218 && cp <= 0x21b) || cp === 0x20ac;
}

const allInSet = (s: string) => {
  for (const ch of s) if (!inSpsCharacterSet(ch.codePointAt(0)!)) return false;
  return true;
};

// Punctuation that has no decomposition but a plain equivalent in the set.
const PUNCTUATION: Record<string, string> = {
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
  "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
  "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
  "\u2039": "<", "\u203a": ">", "\u2022": "-", "\u2026": "...", "\u1e9e": "SS",
};

// Greek and Cyrillic letters in Latin letters, as passports write names (ICAO Doc 9303 for Cyrillic,
// ELOT 743 for Greek, with its digraphs below); accents are taken off first. The key is the small letter.
const LETTERS: Record<string, string> = {
  // Greek
  α: "a", β: "v", γ: "g", δ: "d", ε: "e", ζ: "z", η: "i", θ: "th", ι: "i", κ: "k", λ: "l", μ: "m", ν: "n",
  ξ: "x", ο: "o", π: "p", ρ: "r", σ: "s", ς: "s", τ: "t", υ: "y", φ: "f", χ: "ch", ψ: "ps", ω: "o",
  // Cyrillic: Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian
  // (ё, й, ї, ў, ѓ, ќ are е, и, і, у, г, к with a mark, taken off before this table is read.)
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ж: "zh", з: "z", и: "i", к: "k", л: "l", м: "m", н: "n",
  о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch",
  ъ: "ie", ы: "y", ь: "", э: "e", ю: "iu", я: "ia",
  є: "ie", і: "i", ґ: "g", ђ: "d", ј: "j", љ: "lj", њ: "nj", ћ: "c", џ: "dz", ѕ: "dz",
};

// ELOT 743's digraphs: αυ, ευ, ηυ are av, ev, iv before a vowel or a voiced consonant and af, ef, if
// otherwise (Ευάγγελος is Evangelos, Ευτυχία Eftychia, Ζευς Zefs); ου is ou; γγ, γξ, γχ are ng, nx,
// nch; μπ is b at the start of a word (Μπακογιάννης is Bakogiannis) and mp within one.
const GREEK_VOWELS = new Set("αεηιουω");
const GREEK_VOICED = new Set("βγδζλμνρ");
const GAMMA_PAIRS: Record<string, string> = { γ: "ng", ξ: "nx", χ: "nch" };

/** One character as a reader sees it, with what the letter rules need to know of it. */
type Grapheme = {
  composed: string;
  /** Without marks and invisible format characters. */
  bare: string;
  /** The small Greek or Cyrillic letter it is, when it is one. */
  letter?: string;
  capital: boolean;
  /** Written with an accent (tonos) or a diaeresis: either ends a Greek digraph (άυλος is aylos, αϋπνία aypnia). */
  accent: boolean;
  diaeresis: boolean;
};

function grapheme(segment: string): Grapheme {
  const composed = segment.normalize("NFC");
  const decomposed = composed.normalize("NFKD");
  const bare = decomposed.replace(/[\p{M}\p{Cf}]/gu, "");
  const small = bare.toLowerCase();
  return {
    composed, bare,
    letter: Object.hasOwn(LETTERS, small) ? small : undefined,
    capital: small !== bare,
    accent: /[\u0300\u0301\u0342]/u.test(decomposed),
    diaeresis: decomposed.includes("\u0308"),
  };
}

const isLetter = (g: Grapheme | undefined) => g !== undefined && /\p{L}/u.test(g.bare);

/** The Greek digraph starting at i, in small letters, and how many letters it takes; undefined if none. */
function greekDigraph(gs: Grapheme[], i: number): string | undefined {
  const a = gs[i]!.letter!, b = gs[i + 1]?.letter;
  if (b === undefined) return undefined;
  if (b === "υ" && !gs[i + 1]!.diaeresis) {
    if (a === "ο") return "ou";
    if ((a === "α" || a === "ε" || a === "η") && !gs[i]!.accent) {
      const next = gs[i + 2]?.letter;
      const voiced = next !== undefined && (GREEK_VOWELS.has(next) || GREEK_VOICED.has(next));
      return LETTERS[a] + (voiced ? "v" : "f");
    }
  }
  if (a === "γ" && GAMMA_PAIRS[b]) return GAMMA_PAIRS[b];
  if (a === "μ" && b === "π" && !isLetter(gs[i - 1])) return "b";
  return undefined;
}

/**
 * Greek or Cyrillic letters in Latin letters, as their capitals go: a capital's letters are all capitals
 * in a word of capitals (ЖУК is ZHUK, ΟΥ is OU), otherwise only the first one (Жуков is Zhukov).
 */
function cased(latin: string, source: Grapheme[], before: Grapheme | undefined, after: Grapheme | undefined): string {
  if (!source[0]!.capital || !latin) return latin;
  const neighbour = isLetter(after) ? after : isLetter(before) ? before : undefined;
  const allCapitals = source.length > 1 ? source.every((g) => g.capital) : neighbour?.capital === true;
  return allCapitals ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
}

let segmenter: Intl.Segmenter | undefined;

/**
 * The text with every character the QR-bill's set holds kept as written, and each other one, taken as
 * the reader sees it (a letter with its marks, an emoji with its modifiers, a flag) replaced by:
 * - its composed form, when that is in the set (a letter written as e + a combining accent is é);
 * - what it is made of, without marks, when that is (ǎ is a, ﬁ is fi, a full-width Ａ is A), and nothing
 *   for what has no more than marks and invisible format characters (a zero-width space, a joiner);
 * - the plain punctuation it stands for (– is -, “ ” are ");
 * - Greek and Cyrillic letters in Latin letters (Москва is Moskva, ЖУК is ZHUK, Ευάγγελος is Evangelos);
 * - a space for any other white space (a tab, a line break), and "?" for anything else (東京 is ??, 😀 is ?).
 * The result may be longer than the text (щ is shch): cut it to the field's length afterwards.
 */
export function spsText(text: string): string {
  if (allInSet(text)) return text;
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  const gs = Array.from(segmenter.segment(text), ({ segment }) => grapheme(segment));
  let out = "";
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i]!;
    if (allInSet(g.composed)) { out += g.composed; continue; }
    // Marks, and the invisible format characters (joiners, zero-width spaces, direction overrides).
    if (allInSet(g.bare)) { out += g.bare; continue; }
    const plain = PUNCTUATION[g.bare];
    if (plain) { out += plain; continue; }
    if (g.letter !== undefined) {
      const digraph = greekDigraph(gs, i);
      const source = digraph === undefined ? [g] : [g, gs[i + 1]!];
      out += cased(digraph ?? LETTERS[g.letter]!, source, gs[i - 1], gs[i + source.length]);
      i += source.length - 1;
      continue;
    }
    out += /^\s+$/u.test(g.bare) ? " " : "?";
  }
  // A field of nothing but soft signs (ь) or invisible characters is never emptied by this.
  return out || "?";
}
