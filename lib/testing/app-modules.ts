// What the app exposes, read from the app/ folder, so matrix tests notice a new page, export or action.
import fs from "node:fs";
import path from "node:path";

/** Every file under `dir`, with "/" separators (`app/(manager)/partners/[id]/page.tsx`). */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full.split(path.sep).join("/")];
  });
}

/** The URL pattern of a page or route file: `app/(manager)/partners/[id]/page.tsx` → `/partners/[id]`. */
export function routeOf(file: string): string {
  const segments = file.split("/").slice(1, -1).filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** Every page (`page.tsx`) and route handler (`route.ts`) under app/, as URL patterns. */
export function appEndpoints(): { pages: string[]; routes: string[] } {
  const files = filesUnder("app");
  return {
    pages: files.filter((f) => f.endsWith("/page.tsx")).map(routeOf).sort(),
    routes: files.filter((f) => f.endsWith("/route.ts")).map(routeOf).sort(),
  };
}

/** Every "use server" module under app/ (its directive first, after any comment lines). */
export function serverActionFiles(): string[] {
  return filesUnder("app").filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(fs.readFileSync(f, "utf8")));
}

/** `<file>#<export>` for each export of every "use server" module under app/. */
export function serverActionExports(): string[] {
  return serverActionFiles()
    .flatMap((file) => [...fs.readFileSync(file, "utf8").matchAll(/^export\s+(?:async\s+function|function|const)\s+(\w+)/gm)]
      .map((m) => `${file}#${m[1]}`));
}
