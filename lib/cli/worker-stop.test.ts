// `npm run worker` stops within its deadline even when what it waits for never comes: here its database
// accepts the connection and never answers, so the pass in flight hangs, and a stop that waited for it
// would wait for the orchestrator's SIGKILL.
import { spawn } from "node:child_process";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("npm run worker's stop", () => {
  let silent: net.Server;
  const sockets = new Set<net.Socket>();
  beforeAll(async () => {
    silent = net.createServer((socket) => { sockets.add(socket); socket.on("error", () => {}); });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("exits within 10 s of SIGTERM while its database does not answer", { timeout: 60_000 }, async () => {
    const port = (silent.address() as AddressInfo).port;
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/worker.ts"], {
      env: {
        ...process.env, DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/none`, SMTP_URL: "smtp://127.0.0.1:9",
        APP_URL: "https://manager.example.test", AUTH_SECRET: "a-test-secret-of-at-least-32-characters", OUTBOX_POLL_MS: "100",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => { output += d; });
    child.stderr.on("data", (d) => { output += d; });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // The worker's first pass is waiting on the silent database.
    await expect.poll(() => sockets.size, { timeout: 30_000 }).toBeGreaterThan(0);
    const stoppedAt = Date.now();
    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 15_000))]);
    if (code === "hung") child.kill("SIGKILL");
    expect(code, output).toBe(1);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(output).toContain("could not stop cleanly in time");
  });
});
