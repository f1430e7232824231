// The production server as a process (issue #8, point 2): `npm start` is one server process that stops
// on SIGTERM within 10 s, frees its port and leaves no process behind; and an email the SMTP server is
// accepting when SIGTERM arrives is recorded as sent and never sent again.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { expect, test } from "./fixtures";
import { startSmtpSink, type SmtpSink } from "../lib/testing/smtp-sink";
import { callAction, signInOverHttp } from "./action-client";
import { listening, startServer, stopGroup, type Server } from "./servers";

const STOP_LIMIT_MS = 10_000;

/** Sends `signal` and waits until the whole process group is gone; returns how long it took. */
async function stopAndWait(server: Server, signal: NodeJS.Signals): Promise<number> {
  const t0 = Date.now();
  server.signal(signal);
  await expect.poll(() => server.groupAlive(), { timeout: STOP_LIMIT_MS + 5_000, intervals: [50] }).toBe(false);
  return Date.now() - t0;
}

test.describe("the production server process", () => {
  test.describe.configure({ timeout: 180_000 });
  let dir: string;
  const servers: Server[] = [];
  const sinks: SmtpSink[] = [];
  test.beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-e2e-process-")); });
  test.afterAll(async () => {
    for (const s of servers) stopGroup(s);
    await Promise.all(sinks.map((s) => s.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("npm start serves from one process and stops on SIGTERM within 10 s, port freed, no process left", async () => {
    const server = await startServer("npm", { DATABASE_URL: `file:${path.join(dir, "stop.db")}` });
    servers.push(server);
    // One server process: npm's shell is replaced by node (exec), and no TypeScript loader runs beside it.
    expect(server.output()).not.toMatch(/tsx/);
    expect(server.output()).toContain(`serving on http://localhost:${server.port}`);
    // SQLite's planner statistics are refreshed before it serves (db/planner-stats.ts).
    expect(server.output()).toMatch(/planner statistics refreshed in \d+ ms/);
    expect(server.output().indexOf("planner statistics")).toBeLessThan(server.output().indexOf("serving on"));
    // Every route's server code loads once the first request is answered, not before it (next.config.ts,
    // lib/cli/server.ts): the log says so, after the line that announces the server.
    await expect.poll(() => server.output(), { timeout: 15_000 }).toMatch(/routes loaded in \d+ ms/);
    expect(server.output().indexOf("routes loaded")).toBeGreaterThan(server.output().indexOf("serving on"));
    // The server runs with V8's heap bounded and its collector exposed (package.json, docs/deployment.md).
    const commandLines = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).flatMap((p) => {
      try {
        // The parent pid is the second field after the command name, which is in parentheses and may hold spaces.
        const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
        const parent = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
        return parent === String(server.child.pid) ? [fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0")] : [];
      } catch {
        return [];
      }
    });
    expect(commandLines.find((args) => args.includes("lib/cli/start.mjs"))).toEqual(expect.arrayContaining(["--max-old-space-size=1024", "--expose-gc"]));
    const took = await stopAndWait(server, "SIGTERM");
    expect(took).toBeLessThan(STOP_LIMIT_MS);
    expect(await listening(server.port)).toBe(false);
    expect(server.output()).toContain("Partner Manager: stopped");
  });

  test("npm start refuses a heap bound that is not a whole number of megabytes, with a message naming it", async () => {
    const child = spawn("npm", ["start"], { env: { ...process.env, PM_MAX_OLD_SPACE_MB: "1g" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("PM_MAX_OLD_SPACE_MB must be a whole number of megabytes (got: 1g)");
  });

  test("an email the SMTP server is accepting when SIGTERM arrives is marked sent and sent exactly once", async () => {
    // The relay takes 0.8 s to answer each message: SIGTERM lands while it holds them.
    const sink = await startSmtpSink({ delayMs: 800 });
    sinks.push(sink);
    const file = path.join(dir, "graceful.db");
    const env = {
      DATABASE_URL: `file:${file}`, SMTP_URL: sink.url, MAIL_FROM: "Partner Manager <no-reply@manager.test>",
      // A short lease (6 s; sends time out after a quarter of it, well after the relay's 0.8 s), so that
      // a message left unmarked by the stop would be sent again within this test.
      OUTBOX_LEASE_MS: "6000", OUTBOX_POLL_MS: "500", RENEWALS_IN_APP: "off",
      // The change's emails are due at once (no coalescing window), so the stop lands while they are sent.
      MAIL_COALESCE_SECONDS: "0",
    };
    const first = await startServer("npm", env);
    servers.push(first);
    const db: Client = createClient({ url: `file:${file}` });
    try {
      const { rows: [p] } = await db.execute(`SELECT p.id, p.version FROM partnerships p JOIN organizations c ON c.id = p.customer_org_id
        JOIN organizations a ON a.id = p.partner_org_id WHERE c.name = 'Helvetia Bakery SA' AND a.name = 'Alpine Web Studio'`);
      const cookie = await signInOverHttp(first.base, "claire@helvetia-bakery.test");
      const change = await callAction(first.base, `/partners/${p!.id}`, "app/(manager)/partners/actions.ts#changePaymentMode",
        [{ partnershipId: p!.id, paymentMode: "partner", version: Number(p!.version) }], cookie);
      expect(change.result).toMatchObject({ ok: true });
      const { rows: queued } = await db.execute("SELECT id FROM outbox");
      expect(queued.length).toBeGreaterThan(0);

      await expect.poll(() => sink.arrived, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(sink.accepted).toHaveLength(0);
      const took = await stopAndWait(first, "SIGTERM");
      expect(took).toBeLessThan(STOP_LIMIT_MS);
      // Whatever the relay had fully received before the stop was accepted, and is recorded as sent.
      const arrivedBeforeStop = sink.arrived;
      await expect.poll(() => sink.accepted.length, { timeout: 5_000 }).toBe(arrivedBeforeStop);
      const sent = (await db.execute("SELECT id FROM outbox WHERE status = 'sent'")).rows.map((r) => `<outbox.${r.id}@manager.test>`);
      expect(sent.sort()).toEqual([...sink.accepted].sort());

      // Started again past the lease: what was sent stays sent; what was given back goes out once.
      const second = await startServer("npm", env);
      servers.push(second);
      await expect.poll(async () => Number((await db.execute("SELECT count(*) AS n FROM outbox WHERE status <> 'sent'")).rows[0]!.n), { timeout: 30_000 }).toBe(0);
      await new Promise((r) => setTimeout(r, 7_000));
      await stopAndWait(second, "SIGTERM");
      const counts = sink.counts();
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(counts.size).toBe(queued.length);
    } finally {
      db.close();
    }
  });
});
