// Production servers started by a spec itself (beside the one Playwright's webServer runs): `npm start`
// or the start script directly, each on a free port with its own environment, its output kept for
// assertions, and helpers to stop it by signal and wait until the process group is gone.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export const AUTH_SECRET = "e2e-secret-shared-by-every-instance-0123456789";

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether something accepts connections on the port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

export type Server = {
  port: number;
  base: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True while any process of its group (npm, the server) is alive. */
  groupAlive(): boolean;
  signal(signal: NodeJS.Signals): void;
};

/**
 * Starts `npm start` (command "npm") or `node lib/cli/start.mjs` (command "node") in its own process
 * group, and waits for its first 200 on /login.
 */
export async function startServer(command: "npm" | "node", env: Record<string, string>, { timeoutMs = 90_000 } = {}): Promise<Server> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(command === "npm" ? "npm" : process.execPath, command === "npm" ? ["start"] : ["lib/cli/start.mjs"], {
    env: {
      ...process.env, AUTH_SECRET, NEXT_TELEMETRY_DISABLED: "1", APP_URL: `http://127.0.0.1:${port}`, ...env, PORT: String(port),
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const server: Server = {
    port,
    base: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    groupAlive: () => {
      try {
        process.kill(-child.pid!, 0);
        return true;
      } catch {
        return false;
      }
    },
    signal: (signal) => child.kill(signal),
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited before answering:\n${output}`);
    try {
      const r = await fetch(`${server.base}/login`);
      if (r.status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopGroup(server);
      throw new Error(`server did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Last resort for a failed test: kills whatever is left of the server's process group. */
export function stopGroup(server: Server): void {
  try {
    process.kill(-server.child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}
