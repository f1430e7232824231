// Every key exists in every locale with the same ICU placeholders, and no value is empty; every
// namespace file exists for every locale; German is Swiss (no ß).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUES, NAMESPACES } from "./catalog";
import { LOCALES } from "./locales";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** The argument names of an ICU message: {name}, {count, plural, …}, and those inside plural branches. */
export function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*(?:,|\})/g)].map((m) => m[1]!))].sort();
}

const reference = leaves(CATALOGUES.en as unknown as Tree);

describe("message catalogues", () => {
  it("has one file per namespace per locale, and no other", () => {
    for (const locale of LOCALES) {
      const files = fs.readdirSync(path.join(process.cwd(), "messages", locale)).filter((f) => f.endsWith(".json")).sort();
      expect(files).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort());
    }
  });

  it("holds a real catalogue (the test below is not vacuous)", () => {
    expect(reference.size).toBeGreaterThan(150);
    expect(placeholders("{customerName} a changé {count, plural, one {# mode} other {# modes}} de {fromLabel}")).toEqual(["count", "customerName", "fromLabel"]);
  });

  it.each(LOCALES.filter((l) => l !== "en"))("%s has exactly the English keys, the same placeholders, no empty value", (locale) => {
    const messages = leaves(CATALOGUES[locale] as unknown as Tree);
    expect([...messages.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [key, en] of reference) {
      const value = messages.get(key)!;
      expect(value.trim(), `${locale} ${key} is empty`).not.toBe("");
      expect(placeholders(value), `${locale} ${key}`).toEqual(placeholders(en));
    }
  });

  it("has no empty English value and no key with a dot in its name", () => {
    for (const [key, value] of reference) expect(value.trim(), key).not.toBe("");
    for (const locale of LOCALES) {
      for (const ns of NAMESPACES) {
        const raw = JSON.parse(fs.readFileSync(path.join(process.cwd(), "messages", locale, `${ns}.json`), "utf8")) as Tree;
        const check = (t: Tree) => Object.entries(t).forEach(([k, v]) => { expect(k).not.toContain("."); if (typeof v !== "string") check(v); });
        check(raw);
      }
    }
  });

  it("writes Swiss German: ss, never ß", () => {
    for (const [key, value] of leaves(CATALOGUES["de-CH"] as unknown as Tree)) expect(value, key).not.toContain("ß");
  });
});
