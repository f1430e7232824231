// The root layout's <ClientMessages> sends no catalogue: a client component gets its words only from a
// <ClientMessages namespaces={…}> that a server component wraps around it (lib/i18n/client-messages.tsx),
// which adds CLIENT_BASE_NAMESPACES. A missing namespace shows up only at run time, in the browser, so
// this reads the sources: every server module that renders a client component must wrap it in a
// ClientMessages naming each namespace that component (or anything it imports, statically or with
// import()) reads with useTranslations.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_BASE_NAMESPACES } from "./client-messages";

type Sources = Map<string, string>;

const EXTENSIONS = ["", ".tsx", ".ts", "/index.tsx", "/index.ts"];

function resolve(from: string, spec: string, sources: Sources): string | null {
  const base = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.posix.join(path.posix.dirname(from), spec) : null;
  if (base === null) return null;
  for (const ext of EXTENSIONS) if (sources.has(base + ext)) return base + ext;
  return null;
}

const isClient = (source: string) => /^\s*(?:\/\/[^\n]*\n\s*)*["']use client["']/.test(source);

function imports(file: string, sources: Sources): string[] {
  const source = sources.get(file)!;
  const specs = [
    ...[...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]!),
    ...[...source.matchAll(/^import\s+"([^"]+)"/gm)].map((m) => m[1]!),
    ...[...source.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!),
  ];
  return specs.map((s) => resolve(file, s, sources)).filter((f): f is string => f !== null);
}

/** The namespaces a module reads with useTranslations ("*" for the whole catalogue). */
function ownNamespaces(source: string): string[] {
  return [...source.matchAll(/\buse(?:Translations|Messages)\(\s*(?:"([^"]*)")?\s*\)/g)].map((m) => (m[1] ? m[1].split(".")[0]! : "*"));
}

/** Every namespace the code bundled with a client module reads: its own and its imports', transitively. */
function clientNeeds(file: string, sources: Sources, seen = new Set<string>()): Set<string> {
  const needs = new Set<string>();
  if (seen.has(file)) return needs;
  seen.add(file);
  for (const ns of ownNamespaces(sources.get(file)!)) needs.add(ns);
  for (const i of imports(file, sources)) for (const ns of clientNeeds(i, sources, seen)) needs.add(ns);
  return needs;
}

/** The namespaces named in a server module's <ClientMessages namespaces={…}> (every branch of a condition). */
function wrapped(source: string): Set<string> | null {
  const uses = [...source.matchAll(/<ClientMessages\b([^>]*)>/g)];
  if (uses.length === 0) return null;
  const named = new Set<string>(CLIENT_BASE_NAMESPACES);
  for (const u of uses) for (const m of u[1]!.matchAll(/"([^"]+)"/g)) named.add(m[1]!);
  return named;
}

/**
 * The namespaces that the client components rendered by a server module need and that the module does
 * not wrap itself (namespace → a client module needing it). A module with no ClientMessages of its own
 * (a shared view, say) passes them on to the modules rendering it.
 */
function unwrapped(file: string, sources: Sources, memo: Map<string, Map<string, string>>): Map<string, string> {
  const known = memo.get(file);
  if (known) return known;
  const needs = new Map<string, string>();
  memo.set(file, needs);
  for (const i of imports(file, sources)) {
    if (isClient(sources.get(i)!)) for (const ns of clientNeeds(i, sources)) needs.set(ns, i);
    else for (const [ns, c] of unwrapped(i, sources, memo)) needs.set(ns, c);
  }
  const named = wrapped(sources.get(file)!);
  if (named) for (const ns of needs.keys()) if (ns !== "*" && named.has(ns)) needs.delete(ns);
  return needs;
}

/** "server module → client module: namespace" for every namespace a rendered client component lacks. */
function missingClientNamespaces(sources: Sources): string[] {
  const server = [...sources.keys()].filter((f) => !isClient(sources.get(f)!));
  const imported = new Set(server.flatMap((f) => imports(f, sources)));
  const memo = new Map<string, Map<string, string>>();
  const problems: string[] = [];
  // The modules nothing else renders (pages, layouts, route handlers) must have wrapped everything.
  for (const root of server.filter((f) => !imported.has(f))) {
    for (const [ns, c] of unwrapped(root, sources, memo)) problems.push(`${root} → ${c}: ${ns}`);
  }
  return problems.sort();
}

function projectSources(): Sources {
  const sources: Sources = new Map();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) sources.set(p, fs.readFileSync(p, "utf8"));
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(dir);
  return sources;
}

describe("client components' messages", () => {
  it("every client component is rendered inside a ClientMessages that sends the namespaces it reads", () => {
    const sources = projectSources();
    // The check sees the project: the translated client components are found through their pages.
    expect([...sources.keys()].filter((f) => isClient(sources.get(f)!) && ownNamespaces(sources.get(f)!).length > 0).length).toBeGreaterThan(10);
    expect(missingClientNamespaces(sources)).toEqual([]);
  });

  it("the root layout sends no catalogue", () => {
    const layout = fs.readFileSync("app/layout.tsx", "utf8");
    expect(layout).toMatch(/<ClientMessages namespaces=\{\[\]\} base=\{false\}>/);
  });

  it("reports a client component rendered without its namespace, through an import() and a hook module", () => {
    const sources: Sources = new Map([
      ["app/page.tsx", `import { Rows } from "./rows";\nimport { Form } from "@/components/form";\nexport default function P() { return <ClientMessages namespaces={["audit"]}><Rows /><Form /></ClientMessages>; }`],
      ["app/bare.tsx", `import { Rows } from "./rows";\nexport default function B() { return <Rows />; }`],
      ["app/rows.tsx", `"use client";\nimport { useTranslations } from "next-intl";\nexport function Rows() { const t = useTranslations("audit.events"); return null; }`],
      ["components/form.tsx", `"use client";\nconst load = () => import("./editor");\nexport function Form() { return null; }`],
      ["components/editor.tsx", `"use client";\nimport { useResolver } from "@/lib/hook";\nimport { useTranslations } from "next-intl";\nexport function E() { useTranslations("partners"); return null; }`],
      ["lib/hook.ts", `import { useTranslations } from "next-intl";\nexport function useResolver() { return useTranslations("validation"); }`],
      ["app/other.tsx", `import { View } from "./view";\nexport default function O() { return <ClientMessages namespaces={["partners"]}><View /></ClientMessages>; }`],
      ["app/view.tsx", `import { Form } from "@/components/form";\nexport function View() { return <Form />; }`],
      ["app/unwrapped.tsx", `import { View } from "./view";\nexport default function U() { return <View />; }`],
    ]);
    expect(missingClientNamespaces(sources)).toEqual([
      "app/bare.tsx → app/rows.tsx: audit", "app/page.tsx → components/form.tsx: partners",
      "app/unwrapped.tsx → components/form.tsx: partners", "app/unwrapped.tsx → components/form.tsx: validation",
    ]);
  });
});
