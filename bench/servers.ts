// Servers the bench starts and watches: `next start` of a build (the product's or the floor's), each
// in its own process group so it is stopped whole; their memory and CPU read from /proc.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { listening } from "../e2e/servers";
import { get, load } from "./http";

export const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

export type Server = { name: string; base: string; pid: number; child: ChildProcess; stop(): Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `url` until it answers 200; returns the milliseconds it took from `since`. */
export async function waitFor200(url: string, since: number, timeoutMs = 120_000): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs) throw new Error(`bench: ${url} did not answer 200 within ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** Starts `command args` in its own process group and waits for `probe` to answer 200. */
export async function startServer({ name, port, args, env, probe = "/", command = process.execPath, log, cwd }: {
  name: string; port: number; args: string[]; env?: Record<string, string>; probe?: string; command?: string; log: string; cwd?: string;
}): Promise<Server & { startMs: number }> {
  // A server left running by an interrupted run (its own process group outlives the bench) would answer
  // in this one's place while the new one fails to listen: its figures would be the old server's.
  if (await listening(port)) throw new Error(`bench: something already listens on port ${port} (a server of an interrupted run? ${name} needs it): stop it first`);
  const t0 = performance.now();
  const out = fs.openSync(log, "a");
  const child = spawn(command, args, { cwd, detached: true, stdio: ["ignore", out, out], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), ...env } });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  child.on("exit", () => { exited = true; });
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try { process.kill(-child.pid, "SIGTERM"); } catch { return; }
    for (let i = 0; i < 100 && !exited; i++) await sleep(50);
    if (!exited) try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
    // Gone before the next server of the run starts on the same port (startServer refuses a taken one).
    for (let i = 0; i < 40 && !exited; i++) await sleep(50);
  };
  try {
    const startMs = await waitFor200(`${base}${probe}`, t0);
    return { name, base, pid: child.pid!, child, stop, startMs };
  } catch (error) {
    await stop();
    throw error;
  }
}

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  return map;
}

/** The process and all its descendants. */
export function processTree(pid: number): number[] {
  const kids = children();
  const out: number[] = [];
  const walk = (p: number) => { out.push(p); for (const c of kids.get(p) ?? []) walk(c); };
  walk(pid);
  return out;
}

/** Resident memory of the process tree, in MB. */
export function treeRssMb(pids: number[]): number {
  let kb = 0;
  for (const p of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return kb / 1024;
}

/** CPU time (user + system) the processes have used, in ms. */
export function treeCpuMs(pids: number[]): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let ticks = 0;
  for (const p of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // exited
    }
  }
  return ticks * tick;
}

/**
 * Requests `url` `n` times one after another, each to answer 200, and returns the CPU (user + system of
 * the server's process tree) per request, in ms: steadier than latency on a busy machine, since what a
 * request costs does not depend on who else shares the cores.
 */
export async function cpuPerRequest(server: Server, url: string, cookie: string | undefined, n: number): Promise<number> {
  const before = treeCpuMs(processTree(server.pid));
  for (let i = 0; i < n; i++) {
    const { status } = await get(url, cookie);
    if (status !== 200) throw new Error(`${server.name} ${url}: ${status}`);
  }
  return (treeCpuMs(processTree(server.pid)) - before) / n;
}

/** The same, after `warmUp` requests that are not counted: a server's first hundred still compile its code (JIT). */
export async function warmCpuPerRequest(server: Server, url: string, cookie: string | undefined, n: number, warmUp = 100): Promise<number> {
  await cpuPerRequest(server, url, cookie, warmUp);
  return cpuPerRequest(server, url, cookie, n);
}

/** `next build` of the floor app (bench/floor) with the project's own Next. */
function buildFloor(dir: string): void {
  const r = spawnSync(process.execPath, [NEXT_BIN, "build", dir], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("bench: the build of the floor failed");
}

/**
 * Builds the floor when `force`d, when it has no build (a fresh checkout), or when its build predates
 * its markup page (added after the first floor builds).
 */
export function ensureFloorBuild({ dir = path.join("bench", "floor"), force = false }: { dir?: string; force?: boolean } = {}): void {
  const routes = path.join(dir, ".next", "app-path-routes-manifest.json");
  if (!force && fs.existsSync(path.join(dir, ".next", "BUILD_ID")) && fs.existsSync(routes) && fs.readFileSync(routes, "utf8").includes("/markup")) return;
  console.error("bench: building the floor…");
  buildFloor(dir);
}

/**
 * `url` under `connections` connections for `seconds` (autocannon): its latency and rate, the server's
 * CPU per request and cores used, and the cores the whole machine used meanwhile. Any error fails it.
 */
export async function cpuUnderLoad(server: Server, url: string, cookie: string | undefined, { connections, seconds }: { connections: number; seconds: number }) {
  const c0 = treeCpuMs(processTree(server.pid));
  const m0 = machineJiffies();
  const r = await load(url, { cookie, connections, seconds });
  if (r.errors > 0) throw new Error(`${server.name} ${url}: ${r.errors} errors under load`);
  const cpu = treeCpuMs(processTree(server.pid)) - c0;
  const m1 = machineJiffies();
  return { ...r, cpuPerRequest: cpu / r.requests, cores: cpu / (seconds * 1000), machineCores: (os.cpus().length * (m1.busy - m0.busy)) / (m1.all - m0.all) };
}

/**
 * Jiffies (1/100 s) the whole machine has spent since boot, from /proc/stat: `all` of them, and `busy`,
 * all but idle and waiting for I/O (guest time is left out of both: the kernel counts it in user too).
 */
export function machineJiffies(): { busy: number; all: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, all: busy + idle! + iowait! };
}
