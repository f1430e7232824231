// First-load JavaScript per route of a production build, gzipped as `next start` serves it, from the
// build's own manifest (.next/diagnostics/route-bundle-stats.json): what a browser downloads before
// the page is interactive. Used by `npm run bench` and by the JS budget check (lib/cli/js-budget.ts).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export type RouteJs = { route: string; files: number; rawKb: number; gzipKb: number };

export function firstLoadJs(appDir: string): RouteJs[] {
  const stats = path.join(appDir, ".next", "diagnostics", "route-bundle-stats.json");
  if (!fs.existsSync(stats)) throw new Error(`no ${stats}: run the production build first (npm run build)`);
  const routes = JSON.parse(fs.readFileSync(stats, "utf8")) as { route: string; firstLoadChunkPaths: string[] }[];
  const gz = new Map<string, [number, number]>();
  const size = (file: string) => {
    if (!gz.has(file)) {
      const buf = fs.readFileSync(path.join(appDir, file));
      gz.set(file, [buf.length, zlib.gzipSync(buf).length]);
    }
    return gz.get(file)!;
  };
  return routes.map((r) => {
    const sizes = r.firstLoadChunkPaths.map(size);
    return {
      route: r.route, files: sizes.length,
      rawKb: sizes.reduce((s, [raw]) => s + raw, 0) / 1024, gzipKb: sizes.reduce((s, [, g]) => s + g, 0) / 1024,
    };
  });
}
