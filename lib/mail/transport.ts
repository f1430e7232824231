// How an outbox row leaves the building: SMTP when SMTP_URL is set, else an .eml file to read locally.
import "server-only";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import type { OutboxMessage } from "@/db/outbox";
import { env } from "@/lib/env";
// Attachments (an invoice's PDF) are rendered at send time from the row's reference, not stored with it.
import { attachmentsFor } from "./attachments";

export type MailTransport = {
  /** Resolves once the message is accepted (by the SMTP server, or written to disk); throws otherwise. */
  send(message: OutboxMessage): Promise<void>;
  /** Where messages go, for logs: "smtp://host:port" or the mail directory. */
  readonly target: string;
  /** How many sends it carries at once (the SMTP pool's connections): the worker sends that many in parallel. */
  readonly concurrency: number;
  /** Closes its connections; sends still in flight fail. */
  close(): void;
};

export type TransportOptions = {
  /** An SMTP URL; `null` forces the file transport. Defaults to env().SMTP_URL. */
  smtpUrl?: string | null;
  /** Sender; defaults to env().MAIL_FROM. */
  from?: string;
  /** Directory for .eml files when there is no SMTP URL; defaults to .data/mail/ under the cwd. */
  mailDir?: string;
  /** Connection, greeting and socket timeout; the worker keeps it well inside its lease. */
  timeoutMs?: number;
};

// A dead or silent server must fail the attempt quickly (the row is retried later) rather than
// hold the worker, and its lease, for nodemailer's default of minutes.
const TIMEOUT_MS = 10_000;
// One connection per message was the bottleneck (a TCP and SMTP handshake each time): a small pool of
// long-lived connections, each carrying many messages, sends hundreds a second to a nearby relay.
// Relays limit connections per client, often to 5-10; stay under that.
export const SMTP_MAX_CONNECTIONS = 5;
const SMTP_MAX_MESSAGES_PER_CONNECTION = 500;
const FILE_CONCURRENCY = 4;

export function createTransport(options: TransportOptions = {}): MailTransport {
  const smtpUrl = options.smtpUrl === undefined ? env().SMTP_URL : options.smtpUrl;
  const from = options.from ?? env().MAIL_FROM;
  return smtpUrl
    ? smtpTransport(smtpUrl, from, options.timeoutMs ?? TIMEOUT_MS)
    : fileTransport(options.mailDir ?? path.join(process.cwd(), ".data", "mail"), from);
}

function smtpTransport(url: string, from: string, timeoutMs: number): MailTransport {
  const u = new URL(url);
  const secure = u.protocol === "smtps:";
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const port = Number(u.port || (secure ? 465 : 587));
  // Not `url`: nodemailer then ignores every other option (the pool and the timeouts included).
  const transporter = nodemailer.createTransport({
    host,
    port,
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    // Each message is several small request/response exchanges (MAIL, RCPT, DATA, the body): with
    // Nagle's algorithm on, each waits for the relay's delayed ACK (about 40 ms on Linux), which capped
    // a connection at a few messages a second. nodemailer offers no option for it, so it gets its
    // sockets from here, opened with TCP_NODELAY (TLS, for smtps://, is then negotiated on top).
    getSocket: (_options: unknown, callback: (error: Error | null, socket?: { connection: net.Socket }) => void) => {
      const socket = net.connect({ host, port, noDelay: true });
      const fail = (error: Error) => {
        socket.removeListener("timeout", onTimeout);
        socket.destroy();
        callback(error);
      };
      const onTimeout = () => fail(Object.assign(new Error(`Connection timeout to ${u.host}`), { code: "ETIMEDOUT" }));
      socket.setTimeout(timeoutMs);
      socket.once("timeout", onTimeout);
      socket.once("error", fail);
      socket.once("connect", () => {
        // From here nodemailer owns the socket (and its own timeouts and error handling).
        socket.setTimeout(0);
        socket.removeListener("timeout", onTimeout);
        socket.removeListener("error", fail);
        callback(null, { connection: socket });
      });
    },
    pool: true,
    maxConnections: SMTP_MAX_CONNECTIONS,
    maxMessages: SMTP_MAX_MESSAGES_PER_CONNECTION,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as SMTPPool.Options);
  return {
    target: `${u.protocol}//${u.host}`,
    concurrency: SMTP_MAX_CONNECTIONS,
    async send(message) {
      await transporter.sendMail({ ...mailOptions(message, from), attachments: await attachmentsFor(message) });
    },
    close: () => transporter.close(),
  };
}

function fileTransport(dir: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    target: dir,
    concurrency: FILE_CONCURRENCY,
    close: () => {},
    async send(message) {
      const info = await transporter.sendMail({ ...mailOptions(message, from), attachments: await attachmentsFor(message) });
      await fs.mkdir(dir, { recursive: true });
      // Named after the row, so a retried row overwrites its own file instead of adding a copy.
      const stamp = message.createdAt.toISOString().replace(/[:.]/g, "-");
      await fs.writeFile(path.join(dir, `${stamp}-${message.id}.eml`), info.message);
    },
  };
}

export function mailOptions(message: OutboxMessage, from: string) {
  return {
    from,
    to: message.toAddress,
    subject: message.subject,
    text: message.textBody,
    html: message.htmlBody,
    messageId: messageIdFor(message, from),
    headers: {
      "Content-Language": message.locale,
      // RFC 3834: sent by a program, not a person, so vacation responders and other automatons stay
      // silent; Exchange reads its own header for the same purpose.
      "Auto-Submitted": "auto-generated",
      "X-Auto-Response-Suppress": "All",
    },
  };
}

/**
 * The same row always carries the same Message-ID, so if a send is repeated after a crash between
 * the server's acceptance and markSent, the receiving side can recognise the duplicate.
 */
export function messageIdFor(message: Pick<OutboxMessage, "id">, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "partner-manager.local";
  return `<outbox.${message.id}@${domain}>`;
}
