// How an outbox row leaves the building: SMTP when SMTP_URL is set, else an .eml file to read locally.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { OutboxMessage } from "@/db/outbox";
import { env } from "@/lib/env";

export type MailTransport = {
  /** Resolves once the message is accepted (by the SMTP server, or written to disk); throws otherwise. */
  send(message: OutboxMessage): Promise<void>;
  /** Where messages go, for logs: "smtp://host:port" or the mail directory. */
  readonly target: string;
};

export type TransportOptions = {
  /** An SMTP URL; `null` forces the file transport. Defaults to env().SMTP_URL. */
  smtpUrl?: string | null;
  /** Sender; defaults to env().MAIL_FROM. */
  from?: string;
  /** Directory for .eml files when there is no SMTP URL; defaults to .data/mail/ under the cwd. */
  mailDir?: string;
};

// A dead or silent server must fail the attempt quickly (the row is retried later) rather than
// hold the worker, and its lease, for nodemailer's default of minutes.
const TIMEOUT_MS = 10_000;

export function createTransport(options: TransportOptions = {}): MailTransport {
  const smtpUrl = options.smtpUrl === undefined ? env().SMTP_URL : options.smtpUrl;
  const from = options.from ?? env().MAIL_FROM;
  return smtpUrl ? smtpTransport(smtpUrl, from) : fileTransport(options.mailDir ?? path.join(process.cwd(), ".data", "mail"), from);
}

function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  const u = new URL(url);
  return {
    target: `${u.protocol}//${u.host}`,
    async send(message) {
      await transporter.sendMail(mailOptions(message, from));
    },
  };
}

function fileTransport(dir: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    target: dir,
    async send(message) {
      const info = await transporter.sendMail(mailOptions(message, from));
      await fs.mkdir(dir, { recursive: true });
      // Named after the row, so a retried row overwrites its own file instead of adding a copy.
      const stamp = message.createdAt.toISOString().replace(/[:.]/g, "-");
      await fs.writeFile(path.join(dir, `${stamp}-${message.id}.eml`), info.message);
    },
  };
}

function mailOptions(message: OutboxMessage, from: string) {
  return {
    from,
    to: message.toAddress,
    subject: message.subject,
    text: message.textBody,
    html: message.htmlBody,
    messageId: messageIdFor(message, from),
    headers: { "Content-Language": message.locale },
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
