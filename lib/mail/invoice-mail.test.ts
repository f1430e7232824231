// The invoice email end to end: an order queues it in the payer's legal representative's language, the
// worker sends it to a real SMTP server with the invoice's PDF rendered at send time, once; a reference
// to an invoice that cannot be rendered fails the send (retried later) rather than mail it without.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/db/client";
import { enqueueMessages } from "@/db/outbox";
import { placeOrder } from "@/db/orders";
import { seedDemoData } from "@/db/seed";
import { findOffer } from "@/lib/catalogue";
import { META, partnerActor } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, userId } from "@/lib/testing/demo";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { invoicePdfAttachment } from "./attachment-refs";
import { createTransport } from "./transport";
import { deliverDueMessages } from "./worker";

describe.each(enginesUnderTest())("the invoice email on %s", (engine) => {
  let t: TestDatabase;
  let sink: SmtpSink;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-invoice-mail-"));

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    sink = await startSmtpSink({ keepMessages: true });
  });
  afterAll(async () => {
    await sink.close();
    await t.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reaches Marc once, in German, with the invoice's PDF attached", async () => {
    const [alpine, matterhorn, marc] = [await orgId("Alpine Web Studio"), await orgId("Matterhorn Sports AG"), await userId("marc@alpine-web.test")];
    const placed = await placeOrder({
      request: { kind: "new", customerOrgId: matterhorn, offer: findOffer("mail-service")!, label: "Mail Service — matterhorn team 2" },
      actor: partnerActor(marc, alpine), meta: META,
    });
    if (placed.kind !== "placed") throw new Error("order refused");
    const transport = createTransport({ smtpUrl: sink.url });
    try {
      const report = await deliverDueMessages({ transport });
      expect(report).toMatchObject({ sent: 1, failed: 0 });
      expect(await deliverDueMessages({ transport })).toMatchObject({ claimed: 0, sent: 0 });
    } finally {
      transport.close();
    }
    expect(sink.messages).toHaveLength(1);
    const mail = await simpleParser(sink.messages[0]!);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("marc@alpine-web.test");
    expect(mail.subject).toBe(`Rechnung ${placed.invoiceNumber} an Alpine Web Studio: CHF 62.26`);
    expect(mail.headers.get("content-language")).toBe("de-CH");
    expect(mail.text).toContain("zahlbar bis");
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`${placed.invoiceNumber}.pdf`, "application/pdf"]]);
    const file = path.join(dir, "attached.pdf");
    fs.writeFileSync(file, mail.attachments[0]!.content);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain(`Rechnung ${placed.invoiceNumber}`);
    expect(text).toContain("Total inkl. MWST CHF 62.26");
    expect(text).toContain("Zahlteil");
  });

  it("fails the send, and keeps the row to retry, when the attachment cannot be rendered", async () => {
    const { db, schema } = getDatabase();
    await enqueueMessages(db, [{
      dedupeKey: `broken-attachment-${engine}`, template: "invoice_issued", toUserId: null, toAddress: "nobody@example.test",
      subject: "s", textBody: "t", htmlBody: "<p>t</p>", locale: "en", attachment: invoicePdfAttachment("00000000-0000-4000-8000-000000000000"),
    }]);
    const transport = createTransport({ smtpUrl: sink.url });
    try {
      expect(await deliverDueMessages({ transport })).toMatchObject({ sent: 0, failed: 1 });
    } finally {
      transport.close();
    }
    const [row] = await db.select().from(schema.outbox).where(eq(schema.outbox.dedupeKey, `broken-attachment-${engine}`));
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toMatch(/invoice .* not found/);
    expect(sink.messages).toHaveLength(1);
  });
});
