// The invoice PDF read back as a person and a bank would read it: the words on the page (pdftotext) and
// the QR-bill's code, rasterised (pdftoppm) and decoded by a real QR decoder (zbarimg).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { calculateQRReferenceChecksum } from "swissqrbill/utils";
import { afterAll, describe, expect, it } from "vitest";
import type { InvoiceDetail } from "@/db/invoices";
import type { Locale } from "../i18n/locales";
import { qrBillData, qrField, renderInvoicePdf } from "./invoice-pdf";
import { INVOICE } from "./invoice-pdf.fixture";
import { invoiceQrReference, isValidQrReference, mod10RecursiveCheckDigit } from "./references";
import { printable } from "./pdf-fonts";
import { inSpsCharacterSet } from "./sps-text";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-pdf-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function pdfFile(inv: InvoiceDetail, locale: Locale = "en"): Promise<string> {
  const file = path.join(dir, `${inv.number}-${locale}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, await renderInvoicePdf(inv, { locale }));
  return file;
}

// Reading order, each run of white space one space (a long line wraps in its column).
const text = (file: string) => execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/[\s\u00a0\u202f]+/g, " ");
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);

/**
 * The QR code of the last page's payment part, decoded. The Swiss Payment Standards place it 67 mm from
 * the left and 17 mm below the top of the 105 mm payment slip, 46 mm square; the slip is the foot of the
 * page. Rasterised at 300 dpi without anti-aliasing. zbar's search for the centre alignment pattern is
 * misled by the Swiss cross printed over it, so the cross's 7 mm square is painted plain black first: that
 * removes a logo and adds nothing, and the code's error correction (level M) restores what it covered.
 */
function decodeQrBill(file: string): string[] | null {
  const last = pages(file);
  const info = execFileSync("pdfinfo", ["-f", String(last), "-l", String(last), file], { encoding: "utf8" });
  const heightPt = Number(/Page\s+\d+\s+size:\s+[\d.]+ x ([\d.]+)/.exec(info)![1]);
  const px = (mm: number) => Math.round((mm * 300) / 25.4);
  const slipTopMm = (heightPt / 72) * 25.4 - 105;
  const base = path.join(dir, `qr-${Math.random().toString(36).slice(2)}`);
  execFileSync("pdftoppm", ["-r", "300", "-gray", "-aa", "no", "-aaVector", "no", "-f", String(last), "-l", String(last),
    "-x", String(px(62)), "-y", String(px(slipTopMm + 12)), "-W", String(px(56)), "-H", String(px(56)), "-singlefile", file, base]);
  const image = fs.readFileSync(`${base}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(image.subarray(0, 40).toString("latin1"))!;
  const width = Number(header[1]);
  const pixels = image.subarray(header[0].length);
  const centre = width / 2;
  const half = px(3.6);
  for (let y = Math.floor(centre - half); y < centre + half; y++) pixels.fill(0, y * width + Math.floor(centre - half), y * width + Math.ceil(centre + half));
  fs.writeFileSync(`${base}.pgm`, image);
  try {
    return execFileSync("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", `${base}.pgm`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .replace(/\n$/, "").split("\n");
  } catch {
    return null; // zbarimg exits 4 when it finds no code
  }
}

describe("the invoice PDF (MWSTG art. 26)", () => {
  it("carries seller, buyer, dates, lines excl. VAT, VAT per rate, total incl. VAT and the terms, in English", async () => {
    const file = await pdfFile(INVOICE);
    const t = text(file);
    for (const s of [
      "Demo Hosting AG (fictitious)", "Musterstrasse 1", "8000 Zürich", "VAT number: CHE-123.456.789 MWST",
      "Billed to", "Alpine Web Studio", "Bergstrasse 12", "3000 Bern",
      "Invoice INV-000042", "Date of issue", "1 Mar 2026", "Period of supply", "1 Mar 2026 – 28 Feb 2027", "Due date", "31 Mar 2026",
      "Web Hosting Pro — helvetia: renewal, 1 Mar 2026 – 28 Feb 2027", "Reseller discount (20 % of the public price)",
      "Amount excl. VAT", "CHF 168.00", "−CHF 33.60", "Total excl. VAT", "CHF 134.40", "VAT 8.1 % on CHF 134.40", "CHF 10.89",
      "Total incl. VAT", "CHF 145.29", "Payable within 30 days, by 31 Mar 2026, without deduction.", "Reference", "05 89225 33215 83000 00000 00428",
    ]) expect(t, s).toContain(s);
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/Title:\s+Invoice INV-000042/);
  });

  it("is written in the reader's language: French and German labels, dates, money, rates and lines", async () => {
    const fr = text(await pdfFile(INVOICE, "fr-CH"));
    for (const s of ["Facture INV-000042", "Facturé à", "No TVA : CHE-123.456.789 MWST", "Date d’émission", "1 mars 2026", "Période de la prestation",
      "Échéance", "31 mars 2026", "Web Hosting Pro — helvetia : renouvellement, 1 mars 2026 – 28 févr. 2027", "Remise revendeur (20 % du prix public)",
      "Montant hors TVA", "168,00 CHF", "−33,60 CHF", "TVA 8,1 % sur 134,40 CHF", "Total TVA comprise", "145,29 CHF",
      "Payable dans les 30 jours, d’ici au 31 mars 2026, sans déduction.", "Une facture émise n’est jamais modifiée."]) expect(fr, s).toContain(s);
    expect(fr).not.toMatch(/Invoice INV|Billed to|CHF 168/);
    const de = text(await pdfFile(INVOICE, "de-CH"));
    for (const s of ["Rechnung INV-000042", "Rechnung an", "MWST-Nr.: CHE-123.456.789 MWST", "Rechnungsdatum", "01.03.2026", "Leistungszeitraum",
      "Verlängerung, 01.03.2026 – 28.02.2027", "Wiederverkäuferrabatt (20 % des öffentlichen Preises)", "Total exkl. MWST", "MWST 8.1 % auf CHF 134.40",
      "Total inkl. MWST", "CHF 145.29", "Zahlbar innert 30 Tagen, bis 31.03.2026, ohne Abzug.", "Zahlteil", "Empfangsschein"]) expect(de, s).toContain(s);
  });

  it("prints Latin, Greek and Cyrillic names as written, in its embedded typeface, and a character it has no glyph for as ?", async () => {
    const name = "Dvořák Łódź Ελλάς Москва s.r.o.";
    const inv: InvoiceDetail = { ...INVOICE, buyer: { name, address: { street: "東京 1", postalCode: "3000", city: "Kraków", country: "CH" } } };
    const file = await pdfFile(inv, "en");
    const t = text(file);
    // Billed to as written; the QR-bill's receipt and payment part ("Payable by") print the debtor as its
    // code carries it, in the standards' character set (Latin Extended-A is in it, Greek and Cyrillic not).
    expect(t.split(name).length - 1).toBe(1);
    expect(t.split("Dvořák Łódź Ellas Moskva s.r.o.").length - 1).toBe(2);
    expect(t.split("3000 Kraków").length - 1).toBe(3);
    expect(t).toContain("Billed to Dvořák Łódź Ελλάς Москва s.r.o. ?? 1 3000 Kraków");
    expect(decodeQrBill(file)?.slice(20, 27)).toEqual(["S", "Dvořák Łódź Ellas Moskva s.r.o.", "?? 1", "", "3000", "Kraków", "CH"]);
    // Every font on the page is embedded (a subset of Arimo): nothing is left to the reader's fonts.
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(fonts.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["Arimo-Bold", "Arimo-Regular"]);
    for (const l of fonts) expect(l, l).toMatch(/ yes yes yes /);
    // The document's properties are Unicode text, not glyphs: they keep what the typeface cannot print.
    const tokyo = await pdfFile({ ...INVOICE, buyer: { name: "東京 Trading KK", address: null } }, "en");
    expect(text(tokyo)).toContain("Billed to ?? Trading KK");
    expect(execFileSync("pdfinfo", ["-enc", "UTF-8", tokyo], { encoding: "utf8" })).toMatch(/Subject:\s+.*東京 Trading KK/);
  });

  it("writes the same words whatever the process drew before it (the fonts are shared between documents)", async () => {
    // The French invoice draws É in bold, whose glyph holds an E: the next document's bold E must still read as one.
    await pdfFile(INVOICE, "fr-CH");
    const de = text(await pdfFile(INVOICE, "de-CH"));
    for (const s of ["Empfangsschein", "Annahmestelle", "Rechnung INV-000042"]) expect(de, s).toContain(s);
  });

  it("renders any text in any party's name and address: every script, marks, emoji, controls (fast-check)", async () => {
    const text = fc.string({ unit: "binary", maxLength: 90 });
    await fc.assert(fc.asyncProperty(text, text, text, text, async (name, street, city, seller) => {
      const inv: InvoiceDetail = {
        ...INVOICE, seller: { ...INVOICE.seller!, name: seller || "S" },
        buyer: { name, address: { street, postalCode: "3000", city, country: "CH" } },
      };
      const pdf = await renderInvoicePdf(inv);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    }), { numRuns: 40 });
  });

  it("reads a line issued before codes existed as it was issued", async () => {
    const old = { ...INVOICE, lines: [{ ...INVOICE.lines[0]!, code: null, params: null, description: "Hosting services, as issued" }, INVOICE.lines[1]!] };
    expect(text(await pdfFile(old, "de-CH"))).toContain("Hosting services, as issued");
  });
});

describe("the QR-bill on the last page (Swiss Payment Standards 2.x)", () => {
  it("decodes field by field: header, creditor with its QR-IBAN, amount, currency, debtor, QRR reference, message, trailer", async () => {
    const file = await pdfFile(INVOICE, "de-CH");
    const qr = decodeQrBill(file);
    expect(qr).not.toBeNull();
    expect(qr).toEqual([
      "SPC", "0200", "1", // header: QR type, version, coding (UTF-8)
      "CH4431999123000889012", // the seller's QR-IBAN
      "S", "Demo Hosting AG (fictitious)", "Musterstrasse 1", "", "8000", "Zürich", "CH", // creditor, structured address
      "", "", "", "", "", "", "", // ultimate creditor: reserved, empty
      "145.29", "CHF", // amount and currency
      "S", "Alpine Web Studio", "Bergstrasse 12", "", "3000", "Bern", "CH", // debtor: the buyer's billing address
      "QRR", invoiceQrReference("p", 42), // reference type and the invoice's QR reference
      "INV-000042", // unstructured message
      "EPD", // trailer
    ]);
    expect(isValidQrReference(qr![28]!)).toBe(true);
    expect(qr![28]!.slice(14, 26)).toBe("000000000042");
  });

  it("bills an EUR invoice in EUR, and leaves the debtor empty when the buyer has no billing address", async () => {
    const eur: InvoiceDetail = { ...INVOICE, number: "INV-000007", seq: 7, currency: "EUR", totalMinor: 2_390, qrReference: invoiceQrReference("p", 7), buyer: { name: "Isar Webagentur GmbH", address: null } };
    const qr = decodeQrBill(await pdfFile(eur, "en"));
    expect(qr?.slice(18, 20)).toEqual(["23.90", "EUR"]);
    expect(qr?.slice(20, 27)).toEqual(["", "", "", "", "", "", ""]);
    expect(qr?.slice(27, 31)).toEqual(["QRR", invoiceQrReference("p", 7), "INV-000007", "EPD"]);
  });

  it("holds any name and address in the standards' character set, emoji and scripts beyond it written as ?, cut to the fields' lengths", async () => {
    // 69 letters and an emoji: 71 UTF-16 units, the 70th half of the emoji; as "?" it is one, and fits.
    const name = `${"A".repeat(69)}😀`;
    const inv: InvoiceDetail = {
      ...INVOICE,
      seller: { ...INVOICE.seller!, name: "Демо Хостинг AG", address: { ...INVOICE.seller!.address!, street: "Rue du Lac\u00a01\n" } },
      buyer: { name, address: { street: "😀".repeat(35), postalCode: "30\u200b00", city: `漢字 ${"é".repeat(31)}😀😀`, country: "CH" } },
    };
    expect(qrField(name, 70)).toBe(`${"A".repeat(69)}?`);
    const qr = decodeQrBill(await pdfFile(inv, "en"));
    expect(qr?.slice(4, 11)).toEqual(["S", "Demo Khosting AG", "Rue du Lac\u00a01 ", "", "8000", "Zürich", "CH"]);
    expect(qr?.slice(20, 27)).toEqual(["S", `${"A".repeat(69)}?`, "?".repeat(35), "", "3000", `?? ${"é".repeat(31)}?`, "CH"]);
  });

  it("prints every character of the standards' set: the embedded typeface holds each of them", () => {
    let all = "";
    for (let cp = 0x20; cp <= 0x20ac; cp++) if (inSpsCharacterSet(cp)) all += String.fromCodePoint(cp);
    expect(all.length).toBe(95 + 96 + 128 + 4 + 1);
    expect(printable(all)).toBe(all);
  });

  it("carries only characters of the standards' set, within each field's length, whatever the parties' names and addresses (fast-check)", () => {
    const text = fc.string({ unit: "binary", maxLength: 90 });
    const inSet = (s: string) => [...s].every((ch) => inSpsCharacterSet(ch.codePointAt(0)!));
    fc.assert(fc.property(text, text, text, text, text, (name, street, postalCode, city, seller) => {
      const party = { name, address: { street, postalCode, city, country: "CH" } };
      const qr = qrBillData(INVOICE, { ...INVOICE.seller!, name: seller, address: { street: seller, postalCode, city, country: "CH" } }, party)!;
      for (const p of [qr.creditor, qr.debtor!]) {
        for (const [field, max] of [["name", 70], ["address", 70], ["zip", 16], ["city", 35]] as const) {
          expect(inSet(p[field]), `${field}: ${JSON.stringify(p[field])}`).toBe(true);
          expect(p[field].length).toBeLessThanOrEqual(max);
        }
      }
      expect(inSet(qr.message)).toBe(true);
    }), { numRuns: 1_000 });
  });

  it("is absent from a paid invoice, which says it is paid", async () => {
    const paid: InvoiceDetail = { ...INVOICE, status: "paid", paidAt: new Date("2026-03-10T10:00:00Z"), paymentMethod: "prepaid" };
    const file = await pdfFile(paid);
    expect(decodeQrBill(file)).toBeNull();
    expect(text(file)).toContain("This invoice is paid: it carries no payment slip.");
    expect(text(file)).not.toContain("Payment part");
  });
});

describe("QR references", () => {
  it("compute the mod-10 recursive check digit as the Swiss Payment Standards do (checked against swissqrbill's)", () => {
    expect(mod10RecursiveCheckDigit("21000000000313947143000901")).toBe(7); // the standards' example: …09017
    for (let seq = 1; seq <= 500; seq += 7) {
      const ref = invoiceQrReference(`org-${seq % 13}`, seq);
      expect(ref).toMatch(/^\d{27}$/);
      expect(ref.at(-1)).toBe(calculateQRReferenceChecksum(ref.slice(0, 26)));
      expect(isValidQrReference(ref)).toBe(true);
    }
    expect(isValidQrReference("210000000003139471430009018")).toBe(false);
  });

  it("differ between payers for the same invoice number, and never change for one invoice", () => {
    expect(invoiceQrReference("helvetia", 6)).not.toBe(invoiceQrReference("alpine", 6));
    expect(invoiceQrReference("helvetia", 6)).toBe(invoiceQrReference("helvetia", 6));
    expect(invoiceQrReference("helvetia", 6).endsWith(`000000000006${mod10RecursiveCheckDigit(invoiceQrReference("helvetia", 6).slice(0, 26))}`)).toBe(true);
  });
});
