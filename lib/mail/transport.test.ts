import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import type { OutboxMessage } from "@/db/outbox";
import { createTransport, messageIdFor } from "./transport";

const FROM = "Partner Manager <no-reply@partner-manager.test>";
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const row: OutboxMessage = {
  id: "5f0c2a9e-0000-4000-8000-000000000001",
  dedupeKey: "payment_mode.changed:x",
  template: "payment_mode_changed",
  toUserId: null,
  toAddress: "marc@alpine-web.test",
  subject: "Helvetia Bakery SA changed the payment mode",
  textBody: "Hello Marc",
  htmlBody: "<p>Hello Marc</p>",
  locale: "de-CH",
  partnershipId: null,
  auditEventId: null,
  attachment: null,
  status: "pending",
  attempts: 0,
  nextAttemptAt: new Date("2025-03-01T10:00:00Z"),
  lockedUntil: null,
  leaseToken: null,
  lastError: null,
  sentAt: null,
  createdAt: new Date("2025-03-01T10:00:00Z"),
};

describe("file transport (no SMTP_URL)", () => {
  it("writes one readable .eml per row, overwritten rather than duplicated on a retry", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-mail-"));
    dirs.push(dir);
    const transport = createTransport({ smtpUrl: null, from: FROM, mailDir: path.join(dir, "mail") });
    await transport.send(row);
    await transport.send(row);

    const files = fs.readdirSync(path.join(dir, "mail"));
    expect(files).toEqual([`2025-03-01T10-00-00-000Z-${row.id}.eml`]);
    const mail = await simpleParser(fs.readFileSync(path.join(dir, "mail", files[0]!)));
    expect(mail.subject).toBe(row.subject);
    expect(mail.text?.trim()).toBe("Hello Marc");
    expect(mail.html).toContain("<p>Hello Marc</p>");
    expect(mail.messageId).toBe(messageIdFor(row, FROM));
    expect(mail.messageId).toBe(`<outbox.${row.id}@partner-manager.test>`);
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    expect(to?.value[0]?.address).toBe("marc@alpine-web.test");
    expect(mail.headers.get("content-language")).toBe("de-CH");
    // RFC 3834: an automaton's message, so auto-responders do not answer it.
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.headers.get("x-auto-response-suppress")).toBe("All");
  });
});
