import fs from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { connection } from "next/server";

// The floor drawing a product page's own markup (`npm run bench:markup`, bench/markup-floor.ts): the
// elements of that page's body, saved as a tree by the bench (FLOOR_MARKUP_DIR/<page>.json), rendered
// per request by React as server components, with no data, no session and no client component. What
// the product costs above this is its own work; what this costs above the bare floor is the markup.
const trees = new Map();

function tree(name) {
  if (!/^[\w-]+$/.test(name)) return null;
  if (!trees.has(name)) {
    const file = path.join(process.env.FLOOR_MARKUP_DIR ?? "", `${name}.json`);
    trees.set(name, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);
  }
  return trees.get(name);
}

// A node is text, or [tag, props, ...children]; children as arguments, so React asks for no keys.
function render(node) {
  if (typeof node === "string") return node;
  const [tag, props, ...children] = node;
  return createElement(tag, props, ...children.map(render));
}

export default async function MarkupPage({ searchParams }) {
  await connection();
  const { page } = await searchParams;
  const body = tree(String(page ?? ""));
  if (!body) return <p>No markup saved for this page.</p>;
  return createElement("div", { id: "markup" }, ...body.map(render));
}
