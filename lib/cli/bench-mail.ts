// `npm run bench:mail`: how many emails a second the outbox delivers to a loopback SMTP server, from the
// real outbox table, on SQLite and PostgreSQL (one worker, then two worker processes on one database),
// against plain nodemailer sending the same messages to the same server with the same pool (the floor:
// what SMTP alone allows here, with no database). Counts duplicates by Message-ID. Not a test: it
// asserts only that every message arrived exactly once, and prints figures to write down in
// docs/benchmarks.md ("Mail throughput").
//
// Env: BENCH_DATABASE_URL (or TEST_DATABASE_URL) = an admin postgres:// URL to bench PostgreSQL too;
// BENCH_MAIL_MESSAGES (3000) messages per run.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import nodemailer from "nodemailer";
import { createDatabase, getDatabase, setDatabase } from "@/db/client";
import { enqueueMessages, listMessages, type NewMessage, type OutboxMessage } from "@/db/outbox";
import { createTransport, mailOptions, messageIdFor, SMTP_MAX_CONNECTIONS } from "@/lib/mail/transport";
import { deliverDueMessages } from "@/lib/mail/worker";
import { createTestDatabase } from "@/lib/testing/db";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";

const FROM = "Partner Manager <no-reply@bench.test>";
const N = Number(process.env.BENCH_MAIL_MESSAGES ?? 3_000);
const pgAdminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
// createTestDatabase creates the PostgreSQL databases under this admin URL.
if (pgAdminUrl) process.env.TEST_DATABASE_URL = pgAdminUrl;

/** Worker mode (a child process of the two-worker run): deliver until nothing is left, print the count. */
async function workerMode(databaseUrl: string, smtpUrl: string): Promise<void> {
  setDatabase(createDatabase(databaseUrl));
  const transport = createTransport({ smtpUrl, from: FROM });
  await getDatabase().db.select().from(getDatabase().schema.outbox).limit(1);
  process.stdout.write("ready\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  const sent = await drain(transport);
  transport.close();
  await getDatabase().close();
  process.stdout.write(`sent ${sent}\n`);
}

/** Runs delivery passes until two in a row find nothing due. */
async function drain(transport: ReturnType<typeof createTransport>): Promise<number> {
  let sent = 0;
  let idle = 0;
  while (idle < 2) {
    const report = await deliverDueMessages({ transport });
    sent += report.sent;
    idle = report.claimed === 0 ? idle + 1 : 0;
    if (report.claimed === 0) await new Promise((r) => setTimeout(r, 20));
  }
  return sent;
}

function messages(run: string): NewMessage[] {
  const body = "Hello,\n\nHelvetia Bakery SA changed the payment mode of your partnership to “Partner pays”.\n".repeat(6);
  return Array.from({ length: N }, (_, i) => ({
    dedupeKey: `bench:${run}:${i}`, template: "bench", toUserId: null, toAddress: `partner${i % 50}@bench.test`,
    subject: `Payment mode changed (${i})`, textBody: body, htmlBody: `<p>${body.replace(/\n/g, "<br>")}</p>`,
  }));
}

async function enqueue(run: string): Promise<void> {
  const all = messages(run);
  for (let i = 0; i < all.length; i += 500) {
    await getDatabase().transaction((tx) => enqueueMessages(tx, all.slice(i, i + 500)));
  }
}

type Result = { name: string; seconds: number; perSecond: number; duplicates: number };

/** Checks every row is sent and its Message-ID arrived exactly once; returns the duplicates found. */
async function check(sink: SmtpSink, from: number, rows: OutboxMessage[]): Promise<number> {
  const counts = new Map<string, number>();
  for (const id of sink.accepted.slice(from)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const unsent = rows.filter((r) => r.status !== "sent").length;
  const missing = rows.filter((r) => !counts.has(messageIdFor(r, FROM))).length;
  if (unsent || missing) throw new Error(`bench:mail: ${unsent} rows not sent, ${missing} messages not received`);
  return [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
}

/**
 * The same messages sent straight from memory, `SMTP_MAX_CONNECTIONS` at a time, no database: with plain
 * nodemailer (pooled, default sockets: the floor), and with the app's own transport (its pool and
 * TCP_NODELAY sockets: the most the outbox could reach).
 */
async function direct(sink: SmtpSink, kind: "floor" | "transport"): Promise<Result> {
  const send = kind === "floor"
    ? (() => {
      const t = nodemailer.createTransport({ host: "127.0.0.1", port: sink.port, pool: true, maxConnections: SMTP_MAX_CONNECTIONS, maxMessages: 500 });
      return { send: (m: OutboxMessage) => t.sendMail(mailOptions(m, FROM)), close: () => t.close() };
    })()
    : createTransport({ smtpUrl: sink.url, from: FROM });
  const rows = messages(kind).map((m) => ({ ...m, id: randomUUID() }) as unknown as OutboxMessage);
  const from = sink.accepted.length;
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: SMTP_MAX_CONNECTIONS }, async () => {
    while (next < rows.length) await send.send(rows[next++]!);
  }));
  const seconds = (performance.now() - t0) / 1000;
  send.close();
  const got = sink.accepted.length - from;
  if (got !== N) throw new Error(`bench:mail: the ${kind} run delivered ${got} of ${N}`);
  const name = kind === "floor" ? "plain nodemailer, pooled, no database (floor)" : "the app's transport, no database";
  return { name, seconds, perSecond: N / seconds, duplicates: 0 };
}

async function outboxRun(engine: "sqlite" | "postgres", sink: SmtpSink, workers: 1 | 2): Promise<Result> {
  // The test suite's fresh databases: a temporary SQLite file, or a new PostgreSQL database dropped after.
  const db = await createTestDatabase(engine);
  setDatabase(db.database);
  try {
    await enqueue(`${engine}-${workers}`);
    const from = sink.accepted.length;
    let seconds: number;
    if (workers === 1) {
      const transport = createTransport({ smtpUrl: sink.url, from: FROM });
      const t0 = performance.now();
      await drain(transport);
      seconds = (performance.now() - t0) / 1000;
      transport.close();
    } else {
      seconds = await twoWorkerProcesses(db.url, sink.url);
    }
    const duplicates = await check(sink, from, await listMessages());
    const name = `outbox on ${engine === "sqlite" ? "SQLite" : "PostgreSQL"}, ${workers} worker${workers > 1 ? " processes" : ""}`;
    return { name, seconds, perSecond: N / seconds, duplicates };
  } finally {
    setDatabase(undefined);
    await db.dispose();
  }
}

/** Two worker processes on one database, started together once both are connected. */
async function twoWorkerProcesses(databaseUrl: string, smtpUrl: string): Promise<number> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const children = [0, 1].map(() => spawn(tsx, ["--conditions=react-server", "lib/cli/bench-mail.ts", "--worker", databaseUrl, smtpUrl], {
    stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, AUTH_SECRET: "x".repeat(32) },
  }));
  const lines = children.map((c) => {
    let buffer = "";
    const waiters: ((line: string) => void)[] = [];
    c.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      let i;
      while ((i = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        waiters.shift()?.(line);
      }
    });
    return () => new Promise<string>((resolve) => waiters.push(resolve));
  });
  await Promise.all(lines.map((next) => next()));
  const exits = children.map((c) => new Promise<number | null>((resolve) => c.on("exit", resolve)));
  const t0 = performance.now();
  for (const c of children) c.stdin.write("go\n");
  const counts = await Promise.all(lines.map((next) => next()));
  const seconds = (performance.now() - t0) / 1000;
  const codes = await Promise.all(exits);
  if (codes.some((c) => c !== 0)) throw new Error(`bench:mail: a worker exited with ${codes.join(", ")}`);
  console.log(`  (two workers: ${counts.join(" / ")})`);
  return seconds;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--worker") return workerMode(args[1]!, args[2]!);
  const sink = await startSmtpSink();
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`bench:mail — ${N} messages per run, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ""}, load ${load()}`);
  const results: Result[] = [];
  try {
    results.push(await direct(sink, "floor"));
    results.push(await direct(sink, "transport"));
    results.push(await outboxRun("sqlite", sink, 1));
    if (pgAdminUrl) {
      results.push(await outboxRun("postgres", sink, 1));
      results.push(await outboxRun("postgres", sink, 2));
    } else {
      console.log("(set BENCH_DATABASE_URL or TEST_DATABASE_URL to bench PostgreSQL too)");
    }
  } finally {
    await sink.close();
  }
  const base = results[0]!.perSecond;
  console.log(`load after: ${load()}\n`);
  console.log("| run | seconds | emails/s | ratio to floor | duplicates |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const r of results) {
    console.log(`| ${r.name} | ${r.seconds.toFixed(2)} | ${Math.round(r.perSecond)} | ${(r.perSecond / base).toFixed(2)} | ${r.duplicates} |`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
