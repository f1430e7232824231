// Reads what the loopback SMTP server received.
import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import { E2E_MAILBOX } from "./ports";

export async function readMailbox(): Promise<ParsedMail[]> {
  const files = fs.existsSync(E2E_MAILBOX) ? fs.readdirSync(E2E_MAILBOX).sort() : [];
  return Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(E2E_MAILBOX, f)))));
}

const recipients = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));

/** Waits until a message to `address` whose subject matches arrives, and returns it. */
export async function waitForMail(address: string, subject: RegExp): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect.poll(async () => {
    found = (await readMailbox()).find((m) => recipients(m).includes(address) && subject.test(m.subject ?? ""));
    return Boolean(found);
  }, { timeout: 20_000, message: `an email to ${address} matching ${subject}` }).toBe(true);
  return found!;
}

export async function mailsTo(address: string): Promise<ParsedMail[]> {
  return (await readMailbox()).filter((m) => recipients(m).includes(address));
}
