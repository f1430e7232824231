// npm run check:js-budget (after npm run build; part of npm test): first-load JavaScript of every route,
// gzipped, against a budget relative to the framework's own chunks (React and the Next runtime every
// page loads, ≈ a bare Next page). A route over its budget fails the check with what it weighs.
import fs from "node:fs";
import zlib from "node:zlib";
import { firstLoadJs } from "@/bench/first-load-js";

/** Times the framework's chunks: a route may add 15 % of its own (PRODUCT pages are server components). */
const DEFAULT_RATIO = 1.15;
/** Routes whose first screen is a form validated on the client (zod + react-hook-form), with a cap of their own. */
const EXCEPTIONS: Record<string, { ratio: number; why: string }> = {
  "/partners/new": { ratio: 1.5, why: "the invitation form is the page" },
  "/products": { ratio: 1.5, why: "the order panel and renew controls are on the first screen" },
  "/prepaid": { ratio: 1.5, why: "the withdrawal form is on the first screen" },
  "/organization": { ratio: 1.5, why: "the billing details form is the page (for legal representatives)" },
};

const manifest = JSON.parse(fs.readFileSync(".next/build-manifest.json", "utf8")) as { rootMainFiles: string[] };
const frameworkKb = manifest.rootMainFiles.reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(`.next/${f}`)).length, 0) / 1024;
let failed = 0;
console.log(`First-load JS (gzip) against the framework's ${frameworkKb.toFixed(1)} KB:`);
for (const r of firstLoadJs(".").filter((x) => !x.route.startsWith("/_"))) {
  const rule = EXCEPTIONS[r.route];
  const budget = frameworkKb * (rule?.ratio ?? DEFAULT_RATIO);
  const over = r.gzipKb > budget;
  if (over) failed++;
  console.log(`${over ? "OVER" : "ok  "} ${r.route.padEnd(28)} ${r.gzipKb.toFixed(1).padStart(6)} KB  budget ${budget.toFixed(1)} KB${rule ? ` (${rule.why})` : ""}`);
}
if (failed > 0) {
  console.error(`${failed} route(s) over their JS budget: load heavy client code when it is used (next/dynamic, a lazy import), or keep it on the server.`);
  process.exit(1);
}
