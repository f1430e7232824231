// A CSV export measured through HTTP: time to the first byte, rows per second, and the server's
// resident memory sampled from /proc while it runs and after it ends; and what a disconnect costs.
import http from "node:http";
import zlib from "node:zlib";
import { median } from "./http";
import { processTree, treeCpuMs, treeRssMb } from "./servers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type ExportRun = { rows: number; mb: number; ttfbMs: number; seconds: number; rowsPerS: number; baseMb: number; peakMb: number; afterMb: number; sentMb: number; encoding: string };

/** The whole response as a browser asks for it (compression accepted): its bytes as sent, and its first byte's time. */
function download(url: string, cookie: string): Promise<{ encoding: string | undefined; chunks: Buffer[]; ttfbMs: number }> {
  const t0 = performance.now();
  let ttfbMs = 0;
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { cookie, "accept-encoding": "gzip, deflate, br" } }, (res) => {
      if (res.statusCode !== 200) { res.resume(); reject(new Error(`bench: ${url} answered ${res.statusCode}`)); return; }
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => { if (chunks.length === 0) ttfbMs = performance.now() - t0; chunks.push(chunk); });
      res.on("end", () => resolve({ encoding: res.headers["content-encoding"], chunks, ttfbMs }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

/**
 * Reads the whole export as a browser asks for it (gzip accepted), while sampling the server's RSS every
 * 50 ms. The client does as little as it can while the clock runs (it shares the machine's two cores
 * with the server): it keeps the bytes as they arrive and decompresses and counts the lines afterwards.
 */
export async function measureExport(url: string, cookie: string, serverPid: number, settleMs = 5_000): Promise<ExportRun> {
  const pids = processTree(serverPid);
  const baseMb = treeRssMb(pids);
  let peakMb = baseMb;
  let sampling = true;
  const sampler = (async () => { while (sampling) { peakMb = Math.max(peakMb, treeRssMb(pids)); await sleep(50); } })();
  const t0 = performance.now();
  const { encoding, chunks, ttfbMs } = await download(url, cookie);
  const seconds = (performance.now() - t0) / 1000;
  sampling = false;
  await sampler;
  const raw = Buffer.concat(chunks);
  const body = encoding === "gzip" ? zlib.gunzipSync(raw) : encoding === "br" ? zlib.brotliDecompressSync(raw) : encoding === "deflate" ? zlib.inflateSync(raw) : raw;
  let lines = 0;
  for (let i = body.indexOf(10); i !== -1; i = body.indexOf(10, i + 1)) lines++;
  // Memory given back: a few seconds later (BENCH_SETTLE_S; the server collects 2 s after an export ends).
  await sleep(settleMs);
  const afterMb = treeRssMb(pids);
  const rows = Math.max(0, lines - 1);
  return { rows, mb: body.length / 2 ** 20, ttfbMs, seconds, rowsPerS: rows / seconds, baseMb, peakMb, afterMb, sentMb: raw.length / 2 ** 20, encoding: encoding ?? "identity" };
}

/** Starts an export, reads ~1 MB, disconnects; returns the server's CPU time in the 2 s before and after. */
export async function measureDisconnect(url: string, cookie: string, serverPid: number): Promise<{ busyMsBefore: number; busyMsAfter: number; idleMs: number }> {
  const pids = processTree(serverPid);
  const c0 = treeCpuMs(pids);
  await sleep(2_000);
  const idleMs = treeCpuMs(pids) - c0;
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
  const reader = res.body!.getReader();
  let bytes = 0;
  const c1 = treeCpuMs(pids);
  const t1 = performance.now();
  while (bytes < 2 ** 20) bytes += (await reader.read()).value?.length ?? Infinity;
  const busyMsBefore = ((treeCpuMs(pids) - c1) / (performance.now() - t1)) * 2_000;
  controller.abort();
  await sleep(300);
  const c2 = treeCpuMs(pids);
  await sleep(2_000);
  return { busyMsBefore, busyMsAfter: treeCpuMs(pids) - c2, idleMs };
}

/**
 * Whether the server's RSS comes back after an export: the idle baseline (after `idleMs` of nothing),
 * one whole export, then a sample every 5 s with no request at all, until the RSS is at or below the
 * baseline or `maxS` have passed.
 */
export async function measureMemoryReturn(url: string, cookie: string, serverPid: number, { idleMs = 8_000, maxS = 150 } = {}): Promise<{ baseMb: number; exportS: number; samples: [number, number][]; backAfterS: number | null }> {
  await sleep(idleMs);
  const pids = processTree(serverPid);
  const baseMb = treeRssMb(pids);
  const t0 = performance.now();
  await download(url, cookie);
  const exportS = (performance.now() - t0) / 1000;
  const samples: [number, number][] = [];
  for (let s = 0; s <= maxS; s += 5) {
    const mb = treeRssMb(pids);
    samples.push([s, mb]);
    if (mb <= baseMb) return { baseMb, exportS, samples, backAfterS: s };
    await sleep(5_000);
  }
  return { baseMb, exportS, samples, backAfterS: null };
}

export type HeldRun = { statuses: Record<number, number>; baseMb: number; peakMb: number; pageMs: number; idlePageMs: number; freedAfterS: number | null; afterMb: number };

/**
 * `n` downloads of one export opened at once by one user, each read for one chunk and then left unread
 * (a client that holds its connections open): what they were answered, the server's RSS peak over 5 s,
 * a page's median latency meanwhile against idle, and after how many seconds the user can start an
 * export again (the server cut the stalled ones: STALLED_RESPONSE_SECONDS), polled every 2 s up to `maxS`.
 */
export async function measureHeldExports(exportUrl: string, pageUrl: string, cookie: string, serverPid: number, n: number, maxS = 120): Promise<HeldRun> {
  const pids = processTree(serverPid);
  const pageMs = async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await (await fetch(pageUrl, { headers: { cookie } })).arrayBuffer();
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  const idlePageMs = await pageMs();
  const baseMb = treeRssMb(pids);
  const statuses: Record<number, number> = {};
  const held: http.ClientRequest[] = [];
  await Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve) => {
    const req = http.get(exportUrl, { headers: { cookie, "accept-encoding": "gzip" } }, (res) => {
      statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1;
      if (res.statusCode !== 200) { res.resume(); res.on("end", resolve); return; }
      res.once("data", () => { res.pause(); resolve(); });
      res.on("error", () => undefined);
    });
    req.on("error", () => resolve());
    held.push(req);
  })));
  let peakMb = baseMb;
  for (let i = 0; i < 10; i++) { peakMb = Math.max(peakMb, treeRssMb(pids)); await sleep(500); }
  const during = await pageMs();
  // When may this user export again? A fresh request answers 200 once the server has cut the held ones.
  const since = performance.now();
  let freedAfterS: number | null = null;
  while (freedAfterS === null && performance.now() - since < maxS * 1000) {
    const status = await new Promise<number>((resolve) => {
      const req = http.get(exportUrl, { headers: { cookie } }, (res) => { resolve(res.statusCode!); req.destroy(); });
      req.on("error", () => resolve(0));
    });
    if (status === 200) freedAfterS = (performance.now() - since) / 1000;
    else await sleep(2_000);
  }
  for (const req of held) req.destroy();
  await sleep(5_000);
  return { statuses, baseMb, peakMb, pageMs: during, idlePageMs, freedAfterS, afterMb: treeRssMb(pids) };
}
