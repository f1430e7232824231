// `npm run bench:preview`: what the consequence preview of a payment-mode switch (issue #14) costs for a
// customer with 500 products, against the partner detail page it opens on. The production build (run
// `npm run build` first) serves a fresh SQLite database: the demo data plus 500 active products of Helvetia
// Bakery SA renewing over the next year. Signed in as Claire over HTTP, it times GET /partners/<Alpine>
// (the page without the preview) and the previewSwitch action the verify step calls (the same POST the
// browser makes), both "now" and at a date, and prints medians and the ratio (docs/benchmarks.md).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, setDatabase } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { CATALOGUE } from "@/lib/catalogue";
import { newId } from "@/lib/ids";
import { orgId, partnershipId } from "@/lib/testing/demo";
import { callAction, signInOverHttp } from "../e2e/action-client";
import { freePort } from "../e2e/servers";

const PRODUCTS = Number(process.env.PREVIEW_PRODUCTS ?? 500);
const RUNS = Number(process.env.PREVIEW_RUNS ?? 40);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-preview-bench-"));
const url = `file:${path.join(dir, "bench.db")}`;
const database = createDatabase(url);
await database.migrate();
setDatabase(database);
await seedDemoData();
const helvetia = await orgId("Helvetia Bakery SA");
const pid = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
const today = Date.now();
await database.transaction(async (tx) => {
  const rows = Array.from({ length: PRODUCTS }, (_, i) => {
    const offer = CATALOGUE[i % CATALOGUE.length]!;
    return {
      id: newId(), orgId: helvetia, offer: offer.code, category: offer.category, label: `bench-${i}.ch`, priceMinor: offer.prices.CHF,
      currency: "CHF" as const, renewalDate: new Date(today + ((i * 365) / PRODUCTS + 1) * 86_400_000).toISOString().slice(0, 10),
      status: "active" as const, createdAt: new Date(),
    };
  });
  for (let i = 0; i < rows.length; i += 100) await tx.insert(database.schema.products).values(rows.slice(i, i + 100));
});
await database.close();

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ["lib/cli/start.mjs"], {
  env: {
    ...process.env, PORT: String(port), DATABASE_URL: url, APP_URL: base, AUTH_SECRET: "bench-preview-secret-0123456789abcdef",
    WORKER_IN_APP: "off", RENEWALS_IN_APP: "off", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production",
  },
  stdio: "ignore",
  detached: true,
});
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/login`)).ok) break; } catch { /* not yet */ }
    if (i > 600) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const cookie = await signInOverHttp(base, "claire@helvetia-bakery.test");
  const page = `/partners/${pid}`;
  const later = new Date(today + 60 * 86_400_000).toISOString().slice(0, 10);
  const timePage = async () => {
    const t0 = performance.now();
    const r = await fetch(`${base}${page}`, { headers: { cookie } });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`page answered ${r.status}`);
    return { ms: performance.now() - t0, bytes: Buffer.byteLength(body) };
  };
  const timePreview = async (effectiveDate: string | null, all = false) => {
    const t0 = performance.now();
    const r = await callAction(base, page, "app/(manager)/partners/schedule-actions.ts#previewSwitch", [{ partnershipId: pid, paymentMode: "partner", effectiveDate, all }], cookie);
    if (r.result?.ok !== true) throw new Error(`preview refused: ${r.text.slice(0, 300)}`);
    return { ms: performance.now() - t0, bytes: Buffer.byteLength(r.text), rows: (r.result.preview as { count: number }).count };
  };
  for (let i = 0; i < 5; i++) { await timePage(); await timePreview(null); }
  const pages: number[] = [], nows: number[] = [], dated: number[] = [], alls: number[] = [];
  let sizes = { page: 0, preview: 0, all: 0, rows: 0 };
  for (let i = 0; i < RUNS; i++) {
    const p = await timePage();
    const n = await timePreview(null);
    const d = await timePreview(later);
    const a = await timePreview(null, true);
    pages.push(p.ms); nows.push(n.ms); dated.push(d.ms); alls.push(a.ms);
    sizes = { page: p.bytes, preview: n.bytes, all: a.bytes, rows: n.rows };
  }
  const [pm, nm, dm, am] = [median(pages), median(nows), median(dated), median(alls)];
  console.log(`${PRODUCTS} products, ${RUNS} runs each, medians:`);
  console.log(`  GET ${"/partners/[id]".padEnd(24)} ${pm.toFixed(1).padStart(7)} ms  ${(sizes.page / 1024).toFixed(1)} KB HTML`);
  console.log(`  previewSwitch (now)      ${nm.toFixed(1).padStart(7)} ms  ${(sizes.preview / 1024).toFixed(1)} KB, ${sizes.rows} renewals  ratio ${(nm / pm).toFixed(2)} × the page`);
  console.log(`  previewSwitch (at a date) ${dm.toFixed(1).padStart(6)} ms  ratio ${(dm / pm).toFixed(2)} × the page`);
  console.log(`  previewSwitch (expanded)  ${am.toFixed(1).padStart(6)} ms  ${(sizes.all / 1024).toFixed(1)} KB  ratio ${(am / pm).toFixed(2)} × the page`);
} finally {
  try { process.kill(-server.pid!, "SIGTERM"); } catch { /* gone */ }
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dir, { recursive: true, force: true });
}
