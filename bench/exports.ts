// A CSV export measured through HTTP: time to the first byte, rows per second, and the server's
// resident memory sampled from /proc while it runs and after it ends; and what a disconnect costs.
import { processTree, treeCpuMs, treeRssMb } from "./servers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type ExportRun = { rows: number; mb: number; ttfbMs: number; seconds: number; rowsPerS: number; baseMb: number; peakMb: number; afterMb: number };

/** Reads the whole export, counting lines, while sampling the server's RSS every 50 ms. */
export async function measureExport(url: string, cookie: string, serverPid: number): Promise<ExportRun> {
  const pids = processTree(serverPid);
  const baseMb = treeRssMb(pids);
  let peakMb = baseMb;
  let sampling = true;
  const sampler = (async () => { while (sampling) { peakMb = Math.max(peakMb, treeRssMb(pids)); await sleep(50); } })();
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`bench: ${url} answered ${res.status}`);
  let ttfbMs = 0;
  let lines = 0;
  let bytes = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    if (bytes === 0) ttfbMs = performance.now() - t0;
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  sampling = false;
  await sampler;
  // Memory given back: a few seconds and a few page requests later (a GC needs allocations to run).
  await sleep(5_000);
  const afterMb = treeRssMb(pids);
  const rows = Math.max(0, lines - 1);
  return { rows, mb: bytes / 2 ** 20, ttfbMs, seconds, rowsPerS: rows / seconds, baseMb, peakMb, afterMb };
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
