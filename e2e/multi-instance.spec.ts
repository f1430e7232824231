// Two production servers on one PostgreSQL database (issue #8, point 4), as a provider deploys them:
// six customers change their partners' payment modes through both instances over real HTTP (signed-in
// server actions, one idempotency key per confirm), one instance is killed with SIGKILL mid-run, and
// the clients go on through the other, retrying what was in flight with the same key. Then: every
// acknowledged change is in the database exactly once, every email of every change reached the SMTP
// server exactly once (the killed instance's relay hangs, so whatever it had claimed is taken over by
// the survivor once its lease expires), and `npm run audit:verify` finds the chain intact.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, test } from "./fixtures";
import pg from "pg";
import { startSmtpSink, type SmtpSink } from "../lib/testing/smtp-sink";
import { callAction, signInOverHttp, type ActionResponse } from "./action-client";
import { startServer, stopGroup, type Server } from "./servers";

const ADMIN_URL = process.env.TEST_DATABASE_URL;
const CHANGES_PER_CLIENT = 10;
const KILL_AFTER_ACKS = 24;
// Customers with an active full-access partnership, and their legal representatives (db/seed.ts).
const CLIENTS = [
  ["claire@helvetia-bakery.test", "Helvetia Bakery SA", "Alpine Web Studio"],
  ["reto@matterhorn-sports.test", "Matterhorn Sports AG", "Alpine Web Studio"],
  ["lukas@bern-architects.test", "Bern Architects GmbH", "Lakeside IT"],
  ["sarah@basel-pharma.test", "Basel Pharma Consulting AG", "Lakeside IT"],
  ["camille@boulangerie-lyon.test", "Boulangerie Lyonnaise SARL", "Isar Webagentur GmbH"],
  ["max@brauhaus-muenchen.test", "Brauhaus München KG", "Isar Webagentur GmbH"],
] as const;

type Ack = { partnershipId: string; version: number };

test.describe("two production servers on one PostgreSQL database", () => {
  test.skip(!ADMIN_URL, "needs TEST_DATABASE_URL (CI sets it)");
  test.describe.configure({ timeout: 150_000 });
  const name = `pm_e2e_multi_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let url: string;
  const servers: Server[] = [];
  const sinks: SmtpSink[] = [];

  test.beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(ADMIN_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  test.afterAll(async () => {
    for (const s of servers) stopGroup(s);
    await Promise.all(sinks.map((s) => s.close()));
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  test("loses no acknowledged change and sends every email exactly once when one instance is killed", async () => {
    const relay = await startSmtpSink();
    const hangingRelay = await startSmtpSink({ hang: true });
    sinks.push(relay, hangingRelay);
    const common = {
      DATABASE_URL: url, MAIL_FROM: "Partner Manager <no-reply@manager.test>", OUTBOX_POLL_MS: "500",
      // Claimed rows of a dead instance come back after 4 s; its sends time out after 1 s.
      OUTBOX_LEASE_MS: "4000", RENEWALS_IN_APP: "on",
      // Quick changes of one partnership within a second share one email per recipient (coalescing).
      MAIL_COALESCE_SECONDS: "1",
    };
    // Both start at once on the empty database (one migrates and seeds, the other waits for it). Same
    // build, same AUTH_SECRET.
    const [a, b] = await Promise.all([
      startServer("node", { ...common, SMTP_URL: relay.url }),
      startServer("node", { ...common, SMTP_URL: hangingRelay.url }),
    ]);
    servers.push(a, b);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const clients: { email: string; p: { id: string; version: number; payment_mode: string }; cookie: string }[] = [];
      for (const [email, customer, partner] of CLIENTS) {
        const { rows: [p] } = await db.query<{ id: string; version: number; payment_mode: string }>(
          `SELECT p.id, p.version, p.payment_mode FROM partnerships p JOIN organizations c ON c.id = p.customer_org_id
           JOIN organizations o ON o.id = p.partner_org_id WHERE c.name = $1 AND o.name = $2 AND p.status = 'active'`, [customer, partner]);
        if (!p) throw new Error(`no active partnership ${customer} / ${partner}`);
        // Signed in on A; the session is a cookie both instances accept (one AUTH_SECRET).
        clients.push({ email, p: { ...p }, cookie: await signInOverHttp(a.base, email) });
      }

      const acks: Ack[] = [];
      let killed = false;
      let retried = 0;
      let viaB = 0;
      const run = async (c: (typeof clients)[number], index: number) => {
        for (let i = 0; i < CHANGES_PER_CLIENT; i++) {
          const input = {
            partnershipId: c.p.id, version: c.p.version, idempotencyKey: randomUUID(),
            paymentMode: c.p.payment_mode === "customer" ? "partner" : "customer",
          };
          // Alternate the instances, as a load balancer would; once B is dead, only A.
          let target = !killed && (i + index) % 2 === 1 ? b : a;
          let response: ActionResponse | null = null;
          for (let attempt = 0; attempt < 5 && !response?.result; attempt++) {
            try {
              response = await callAction(target.base, `/partners/${c.p.id}`, "app/(manager)/partners/actions.ts#changePaymentMode", [input], c.cookie);
            } catch {
              // The instance died with the request in flight: the same confirm again, same key, on A.
              retried++;
              target = a;
            }
          }
          const result = response?.result;
          expect(result, `${c.email} change ${i}`).toMatchObject({ ok: true });
          if (target === b) viaB++;
          acks.push({ partnershipId: c.p.id, version: input.version + 1 });
          c.p = { ...c.p, version: input.version + 1, payment_mode: input.paymentMode };
          if (acks.length >= KILL_AFTER_ACKS && !killed) {
            killed = true;
            b.signal("SIGKILL");
          }
        }
      };
      await Promise.all(clients.map(run));
      expect(killed).toBe(true);
      expect(viaB).toBeGreaterThan(0);
      await b.exited;
      test.info().annotations.push({ type: "run", description: `${acks.length} changes, ${viaB} through B, ${retried} retried on A after the kill, ${hangingRelay.arrived} messages held by B's relay` });

      // Every acknowledged change, exactly once: one audit event per (partnership, version).
      const { rows: events } = await db.query<{ partnership_id: string; version: number }>(
        `SELECT partnership_id, (after->>'version')::int AS version FROM audit_events WHERE kind = 'payment_mode.changed'`);
      for (const ack of acks) {
        expect(events.filter((e) => e.partnership_id === ack.partnershipId && e.version === ack.version), JSON.stringify(ack)).toHaveLength(1);
      }
      for (const c of clients) {
        const { rows: [now] } = await db.query<{ version: number }>("SELECT version FROM partnerships WHERE id = $1", [c.p.id]);
        expect(now!.version).toBe(c.p.version);
      }

      // Every email of every change delivered, once: what B had claimed comes back to A after the lease.
      await expect.poll(async () => (await db.query("SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'")).rows[0].n, { timeout: 60_000 }).toBe(0);
      const { rows: outbox } = await db.query<{ id: string; dedupe_key: string }>("SELECT id, dedupe_key FROM outbox");
      // Quick changes may share an email (coalescing), but the last change of each partnership always
      // has one, stating its final mode: its key carries that version.
      for (const c of clients) {
        expect(outbox.filter((m) => m.dedupe_key.startsWith(`payment-mode:${c.p.id}:v${c.p.version}:`)).length, c.email).toBeGreaterThan(0);
      }
      const counts = relay.counts();
      for (const m of outbox) expect(counts.get(`<outbox.${m.id}@manager.test>`), m.dedupe_key).toBe(1);
      expect(relay.accepted).toHaveLength(outbox.length);
    } finally {
      await db.end();
    }

    // The audit chain, checked as an operator would.
    const verify = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: "x".repeat(32) },
    });
    let out = "";
    verify.stdout.on("data", (d: Buffer) => (out += d.toString()));
    verify.stderr.on("data", (d: Buffer) => (out += d.toString()));
    expect(await new Promise((resolve) => verify.on("exit", resolve)), out).toBe(0);
    expect(out).toContain("Audit chain intact");
  });
});
