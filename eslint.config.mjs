import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Attributes whose text a person reads or hears (accessible names, tooltips, placeholders) and the
// props our own components render as text.
const VISIBLE_ATTRIBUTES = new Set([
  "aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "aria-placeholder", "title", "placeholder", "alt",
  "label", "pendingLabel", "heading", "description", "emptyText", "confirmLabel", "legend", "summary",
]);
const hasWords = (s) => /\p{L}/u.test(s);
const literalText = (node) => {
  if (!node) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral") return node.quasis.map((q) => q.value.cooked).join(" ");
  if (node.type === "JSXExpressionContainer") return literalText(node.expression);
  return null;
};

/** User-visible text in attributes and page titles, which react/jsx-no-literals does not see. */
const uiText = {
  rules: {
    "no-literal-text": {
      meta: { type: "problem", schema: [], messages: { literal: "User-visible text “{{text}}” in {{where}}: use a message key (docs/i18n.md)." } },
      create(context) {
        const report = (node, text, where) => context.report({ node, messageId: "literal", data: { text: text.slice(0, 40), where } });
        return {
          JSXAttribute(node) {
            const name = node.name.type === "JSXIdentifier" ? node.name.name : null;
            const text = literalText(node.value);
            if (name && VISIBLE_ATTRIBUTES.has(name) && text !== null && hasWords(text)) report(node, text, `the ${name} attribute`);
          },
          // Text chosen by a condition among a child's expressions: {ok ? "Saved" : "Failed"}, {x || "None"}.
          "JSXElement > JSXExpressionContainer :matches(ConditionalExpression, LogicalExpression) > :matches(Literal, TemplateLiteral)"(node) {
            const text = literalText(node);
            if (text !== null && hasWords(text)) report(node, text, "a child expression");
          },
          "VariableDeclarator[id.name='metadata'] Property[key.name='title']"(node) {
            const text = literalText(node.value);
            if (text !== null && hasWords(text)) report(node, text, "the page title");
          },
        };
      },
    },
  },
};

// Files whose texts are not in the message catalogues yet. The helpers converting a folder delete
// its files from this list; it must end empty (docs/i18n.md).
const NOT_YET_CONVERTED = [
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    // Paths, not globs: escape the brackets and parentheses of route folders.
    ignores: NOT_YET_CONVERTED.map((f) => f.replace(/[()[\]]/g, "\\$&")),
    plugins: { "ui-text": uiText },
    rules: {
      "react/jsx-no-literals": ["error", {
        noStrings: true,
        ignoreProps: true,
        allowedStrings: ["·", "—", "–", "→", "←", "…", ":", "(", ")", "/", "|", "×", "%", "•", "«", "»", "*", ",", ".", "-", "+", "=", "#"],
      }],
      "ui-text/no-literal-text": "error",
    },
  },
  {
    // Specs take `test` from e2e/fixtures.ts, whose watch fails a test on any CSP violation.
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "@playwright/test", message: "Import test and expect from ./fixtures." }] }],
    },
  },
  globalIgnores([".next/**", "bench/floor/.next/**", ".data/**", "node_modules/**", "next-env.d.ts", "db/migrations/**", "test-results/**", "playwright-report/**"]),
]);
