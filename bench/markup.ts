// A page's rendered body as a tree the markup floor renders again (bench/floor/app/markup/page.jsx):
// [tag, props, ...children] or text. Reads what React's server rendering writes (double-quoted
// attributes, escaped text, void elements without a slash); drops scripts, templates, comments and
// Next's own route announcer, which belong to the framework's runtime, not to the page's markup.

export type MarkupNode = string | [string, Record<string, unknown>, ...MarkupNode[]];

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const SKIPPED = new Set(["script", "template", "style", "next-route-announcer"]);
const RENAMED: Record<string, string> = {
  class: "className", for: "htmlFor", tabindex: "tabIndex", colspan: "colSpan", rowspan: "rowSpan", maxlength: "maxLength",
  minlength: "minLength", autocomplete: "autoComplete", readonly: "readOnly", novalidate: "noValidate", autofocus: "autoFocus",
  spellcheck: "spellCheck", datetime: "dateTime", inputmode: "inputMode", enctype: "encType", crossorigin: "crossOrigin",
  srcset: "srcSet", "accept-charset": "acceptCharset", "http-equiv": "httpEquiv", formaction: "formAction", value: "defaultValue",
  checked: "defaultChecked", viewbox: "viewBox", "stroke-width": "strokeWidth", "fill-rule": "fillRule",
  "clip-rule": "clipRule", "stroke-linecap": "strokeLinecap", "stroke-linejoin": "strokeLinejoin",
};
const BOOLEAN = new Set(["hidden", "disabled", "required", "open", "multiple", "noValidate", "readOnly", "autoFocus", "defaultChecked", "selected"]);

const decode = (s: string) => s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
  const k = e.toLowerCase();
  if (k.startsWith("#x")) return String.fromCodePoint(parseInt(k.slice(2), 16));
  if (k.startsWith("#")) return String.fromCodePoint(Number(k.slice(1)));
  return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" } as Record<string, string>)[k]!;
});

function props(attributes: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of attributes.matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) {
    const name = RENAMED[m[1]!] ?? m[1]!;
    const value = m[2] === undefined ? "" : decode(m[2]);
    if (name === "style") {
      out.style = Object.fromEntries(value.split(";").filter((d) => d.includes(":")).map((d) => {
        const [k, ...v] = d.split(":");
        return [k!.trim().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v.join(":").trim()];
      }));
    } else if (BOOLEAN.has(name)) {
      out[name] = true;
    } else if (name === "action" && value.startsWith("javascript:")) {
      continue; // React's placeholder for a server action: the floor has none
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** The children of the first <body> of `html`, as markup nodes. */
export function bodyMarkup(html: string): MarkupNode[] {
  const start = html.indexOf("<body");
  const from = html.indexOf(">", start) + 1;
  const root: [string, Record<string, unknown>, ...MarkupNode[]] = ["body", {}];
  const stack: (typeof root)[] = [root];
  const tag = /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>|([^<]+)/g;
  tag.lastIndex = from;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const [whole, closing, opening, attributes, text] = m;
    const top = stack.at(-1)!;
    if (text !== undefined) {
      top.push(decode(text));
    } else if (closing) {
      const name = closing.toLowerCase();
      if (name === "body") break;
      if (stack.length > 1 && top[0] === name) stack.pop();
    } else if (opening) {
      const name = opening.toLowerCase();
      if (SKIPPED.has(name)) {
        // Everything up to its end tag is the framework's.
        const end = html.indexOf(`</${name}>`, tag.lastIndex);
        tag.lastIndex = end === -1 ? html.length : end + name.length + 3;
        continue;
      }
      const node: typeof root = [name, props(attributes ?? "")];
      top.push(node);
      if (!VOID.has(name) && !whole.endsWith("/>")) stack.push(node);
    }
  }
  return root.slice(2) as MarkupNode[];
}

/** Elements in a tree (to state how much markup a page has). */
export function countElements(nodes: MarkupNode[]): number {
  let n = 0;
  for (const node of nodes) if (typeof node !== "string") n += 1 + countElements(node.slice(2) as MarkupNode[]);
  return n;
}
