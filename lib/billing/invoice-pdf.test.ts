import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { InvoiceDetail } from "@/db/invoices";
import { renderInvoicePdf } from "./invoice-pdf";

const INVOICE: InvoiceDetail = {
  id: "i1", number: "INV-000042", issuedAt: new Date("2026-03-01T09:00:00Z"), status: "unpaid", paidAt: null, currency: "CHF",
  subtotalMinor: 13_440, vatMinor: 1_089, totalMinor: 14_529, forOrgId: "c", forOrgName: "Helvetia Bakery SA",
  orderId: "o1", orderKind: "renewal", orderedAt: new Date("2026-03-01T09:00:00Z"), publicPriceMinor: 16_800,
  placedByUserId: "u", placedByOrgId: "p", productLabel: "Web Hosting Pro — helvetia", productCategory: "Web hosting",
  payerName: "Alpine Web Studio", placedByName: "Marc Keller", placedByOrgName: "Alpine Web Studio",
  lines: [
    { position: 1, description: "Web Hosting Pro — helvetia: renewal, 1 Mar 2026 – 28 Feb 2027", amountMinor: 16_800, vatRateBp: 810, vatMinor: 1_361 },
    { position: 2, description: "Reseller discount (20 % of the public price)", amountMinor: -3_360, vatRateBp: 810, vatMinor: -272 },
  ],
};

// Windows-1252 differs from Latin-1 in 0x80–0x9f; these are the ones the invoice uses.
const WIN_ANSI: Record<number, string> = { 0x80: "€", 0x85: "…", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—" };
const winAnsi = { decode: (b: Buffer) => [...b].map((c) => WIN_ANSI[c] ?? String.fromCharCode(c)).join("") };

/** The text drawn on the page: pdfkit writes each run as hex WinAnsi codes in TJ arrays. */
function drawnText(pdf: Buffer): string {
  const content = pdf.toString("latin1");
  return [...content.matchAll(/\[([^\]]*)\] TJ/g)]
    .map((m) => [...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => winAnsi.decode(Buffer.from(h[1]!, "hex"))).join(""))
    .join("\n")
    .replace(/\u00a0/g, " ");
}

describe("renderInvoicePdf", () => {
  it("writes a one-page PDF titled with the invoice number", async () => {
    const pdf = await renderInvoicePdf(INVOICE);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(1_500);
    expect(pdf.toString("latin1")).toContain("Invoice INV-000042");
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it("draws the facts, the lines, VAT and the totals", async () => {
    const text = drawnText(await renderInvoicePdf(INVOICE, { compress: false }));
    for (const s of ["Invoice INV-000042", "Alpine Web Studio", "Helvetia Bakery SA", "Marc Keller", "Web Hosting Pro — helvetia",
      "Reseller discount (20 % of the public price)", "CHF 168.00", "CHF 13.61", "-CHF 33.60", "-CHF 2.72", "8.1 %", "CHF 134.40", "CHF 10.89", "CHF 145.29"]) {
      expect(text).toContain(s);
    }
  });

  it("is written in the reader's language: labels, dates, money and rates (read back with pdftotext)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-pdf-"));
    try {
      const file = path.join(dir, "invoice.pdf");
      fs.writeFileSync(file, await renderInvoicePdf(INVOICE, { locale: "fr-CH" }));
      const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\u00a0/g, " ");
      for (const s of ["Facture INV-000042", "Émise le 1 mars 2026", "Impayée", "Facturé à", "Pour l’organisation", "Renouvellement, 1 mars 2026",
        "Passée par", "Taux de TVA", "Sous-total", "168,00 CHF", "-33,60 CHF", "8,1 %", "145,29 CHF", "Une facture émise n’est jamais modifiée."]) {
        expect(text).toContain(s);
      }
      expect(text).not.toMatch(/Invoice INV|Subtotal|Billed to|CHF 168/);
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      expect(info).toMatch(/Title:\s+Facture INV-000042/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("in German: Swiss separators and MWST", async () => {
    const text = drawnText(await renderInvoicePdf(INVOICE, { compress: false, locale: "de-CH" }));
    for (const s of ["Rechnung INV-000042", "Ausgestellt am 01.03.2026", "Rechnung an", "MWST-Satz", "Zwischensumme", "CHF 145.29", "8.1 %"]) {
      expect(text).toContain(s);
    }
  });
});
