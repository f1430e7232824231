// A small, strict XML reader for the bank files we import (camt.054): elements, attributes, text, the five
// predefined entities and character references, comments, CDATA and processing instructions. It refuses a
// DOCTYPE outright, so no external entity can be fetched and no entity expansion can blow up (XXE, billion
// laughs), and it knows nothing of namespaces beyond dropping prefixes. Pure.

export type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'" };
const NAME = /^[A-Za-z_][\w.:-]*/;
const MAX_DEPTH = 64;

// The characters XML 1.0 allows (its Char production): no NUL, no other C0 control but tab, line feed
// and carriage return, no surrogate, no U+FFFE or U+FFFF. A file holding another is not XML, and the
// text must not reach the database (PostgreSQL refuses a NUL in text: the whole import failed on it).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;

function fromReference(whole: string, cp: number): string {
  if (!Number.isInteger(cp) || cp > 0x10ffff || NOT_XML_CHAR.test(String.fromCodePoint(cp))) {
    throw new XmlError(`the character reference ${whole.slice(0, 20)} names a character XML does not allow`);
  }
  return String.fromCodePoint(cp);
}

function decode(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return fromReference(whole, Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return fromReference(whole, Number(ref.slice(1)));
    const value = ENTITIES[ref];
    if (value === undefined) throw new XmlError(`unknown entity ${whole}`);
    return value;
  });
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** Parses a whole document and returns its root element; throws XmlError on anything not well-formed. */
export function parseXml(source: string): XmlElement {
  const bad = NOT_XML_CHAR.exec(source);
  if (bad) throw new XmlError(`the character ${hex(bad[0].codePointAt(0)!)} at offset ${bad.index} is not allowed in XML`);
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (why: string): never => { throw new XmlError(`${why} at offset ${i}`); };
  while (i < source.length) {
    const lt = source.indexOf("<", i);
    const text = source.slice(i, lt === -1 ? source.length : lt);
    if (text.trim() !== "") {
      if (stack.length === 0) fail("text outside the root element");
      stack.at(-1)!.text += decode(text);
    }
    if (lt === -1) break;
    i = lt;
    if (source.startsWith("<!--", i)) {
      const end = source.indexOf("-->", i + 4);
      if (end === -1) fail("unterminated comment");
      i = end + 3;
    } else if (source.startsWith("<![CDATA[", i)) {
      const end = source.indexOf("]]>", i + 9);
      if (end === -1 || stack.length === 0) fail("misplaced CDATA");
      stack.at(-1)!.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith("<?", i)) {
      const end = source.indexOf("?>", i + 2);
      if (end === -1) fail("unterminated processing instruction");
      i = end + 2;
    } else if (source.startsWith("<!", i)) {
      fail("DOCTYPE and other declarations are not accepted");
    } else if (source.startsWith("</", i)) {
      const end = source.indexOf(">", i);
      if (end === -1) fail("unterminated end tag");
      const name = localName(source.slice(i + 2, end).trim());
      const open = stack.pop();
      if (!open || open.name !== name) fail(`unexpected </${name}>`);
      i = end + 1;
    } else {
      i++;
      const name = NAME.exec(source.slice(i, i + 200))?.[0] ?? fail("bad element name");
      i += name.length;
      const element: XmlElement = { name: localName(name), attributes: {}, children: [], text: "" };
      for (;;) {
        while (/\s/.test(source[i] ?? "")) i++;
        if (source.startsWith("/>", i)) { i += 2; break; }
        if (source[i] === ">") { i++; stack.push(element); break; }
        const attr = NAME.exec(source.slice(i, i + 200))?.[0] ?? fail("bad attribute");
        i += attr.length;
        const m = /^\s*=\s*(["'])/.exec(source.slice(i, i + 20)) ?? fail("attribute without a value");
        i += m[0].length;
        const close = source.indexOf(m[1]!, i);
        if (close === -1) fail("unterminated attribute value");
        element.attributes[localName(attr)] = decode(source.slice(i, close));
        i = close + 1;
      }
      const parent = stack.at(stack.at(-1) === element ? -2 : -1);
      if (parent) parent.children.push(element);
      else if (root) fail("a second root element");
      else root = element;
      if (stack.length > MAX_DEPTH) fail("nested too deeply");
    }
  }
  if (stack.length > 0) throw new XmlError(`unclosed <${stack.at(-1)!.name}>`);
  if (!root) throw new XmlError("no root element");
  return root;
}

/** The first descendant along a path of element names ("NtryDtls/TxDtls/Refs/AcctSvcrRef"). */
export function child(el: XmlElement | undefined, path: string): XmlElement | undefined {
  let at = el;
  for (const name of path.split("/")) at = at?.children.find((c) => c.name === name);
  return at;
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el?.children.filter((c) => c.name === name) ?? [];
}

export function textOf(el: XmlElement | undefined, path: string): string | null {
  const found = child(el, path);
  return found ? found.text.trim() : null;
}
