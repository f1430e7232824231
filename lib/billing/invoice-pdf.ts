// The invoice as a PDF document (pdfkit): the same facts, lines, VAT and totals as the invoice page,
// labelled, dated and priced in the reader's language (the viewer who downloads it belongs to the payer).
// Line descriptions are stored with the issued invoice and are printed as issued.
import "server-only";
import PDFDocument from "pdfkit";
import type { InvoiceDetail } from "@/db/invoices";
import { formatDate, formatMoney, formatRate } from "../format";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translator } from "../i18n/translator";

// The standard PDF fonts speak Windows-1252: keep its letters (ü, é, à, ’, «, –, —), turn the narrow
// no-break space of French amounts into a no-break space, and spell the rest plainly.
const pdfText = (s: string) =>
  s.replace(/−/g, "-").replace(/\u202f/g, "\u00a0").replace(/[^\x20-\x7e\u00a0-\u00ff’‘“”–—…•€]/g, "?");

/** `compress: false` leaves the content streams readable, for tests that check the words on the page. */
export async function renderInvoicePdf(inv: InvoiceDetail, { compress = true, locale = DEFAULT_LOCALE }: { compress?: boolean; locale?: Locale } = {}): Promise<Buffer> {
  const t = translator(locale, "pdf");
  const date = (d: Date) => formatDate(d, locale);
  const title = pdfText(t("title", { number: inv.number }));
  const doc = new PDFDocument({
    size: "A4", margin: 56, compress, lang: locale,
    info: { Title: title, Author: "Partner Manager", Subject: pdfText(t("subject", { number: inv.number, payerName: inv.payerName })) },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => { doc.on("end", resolve); doc.on("error", reject); });
  const money = (m: number) => pdfText(formatMoney(m, inv.currency, locale));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font("Helvetica-Bold").fontSize(20).text(title);
  doc.moveDown(0.3).font("Helvetica").fontSize(10).fillColor("#475569")
    .text(pdfText(`${t("issued", { date: date(inv.issuedAt) })} · ${inv.status === "paid" && inv.paidAt ? t("paidOn", { date: date(inv.paidAt) }) : t("unpaid")}`));
  doc.moveDown(1).fillColor("#000000");

  const facts: [string, string][] = [
    [t("billedTo"), inv.payerName],
    [t("forOrganization"), inv.forOrgName],
    [t("product"), inv.productLabel ? `${inv.productLabel} (${inv.productCategory})` : "-"],
    [t("order"), `${t(`orderKind.${inv.orderKind === "renewal" ? "renewal" : "new"}`)}${inv.orderedAt ? `, ${date(inv.orderedAt)}` : ""}`],
    [t("placedBy"), inv.placedByName ? `${inv.placedByName}${inv.placedByOrgName ? ` (${inv.placedByOrgName})` : ""}` : t("automaticRenewal")],
  ];
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font("Helvetica-Bold").fontSize(10).text(pdfText(label), left, y, { width: 130 });
    doc.font("Helvetica").text(pdfText(value), left + 140, y, { width: width - 140 });
    doc.moveDown(0.3);
  }

  // Lines: description, amount, VAT rate, VAT.
  const cols = [left, left + width - 250, left + width - 150, left + width - 80];
  const row = (cells: string[], bold = false) => {
    const y = doc.y + 4;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
    doc.text(cells[0]!, cols[0], y, { width: cols[1]! - cols[0]! - 10 });
    const bottom = doc.y;
    cells.slice(1).forEach((c, i) => doc.text(c, cols[i + 1], y, { width: i === 2 ? 80 : 90, align: "right" }));
    doc.y = Math.max(bottom, doc.y);
  };
  doc.moveDown(1.2);
  row([t("description"), t("amount"), t("vatRate"), t("vat")].map(pdfText), true);
  doc.moveTo(left, doc.y + 2).lineTo(left + width, doc.y + 2).strokeColor("#cbd5e1").stroke();
  for (const l of inv.lines) row([pdfText(l.description), money(l.amountMinor), formatRate(l.vatRateBp, locale), money(l.vatMinor)]);
  doc.moveTo(left, doc.y + 6).lineTo(left + width, doc.y + 6).stroke();
  doc.moveDown(0.8);
  for (const [label, value, bold] of [[t("subtotal"), inv.subtotalMinor, false], [t("vat"), inv.vatMinor, false], [t("total"), inv.totalMinor, true]] as const) {
    const y = doc.y;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(bold ? 12 : 10);
    doc.text(pdfText(label), cols[1]! - 60, y, { width: 200, align: "right" });
    doc.text(money(value), cols[3]! - 40, y, { width: 120, align: "right" });
    doc.moveDown(0.3);
  }

  doc.moveDown(2).font("Helvetica").fontSize(8).fillColor("#64748b").text(pdfText(t("footer")), left, doc.y, { width });
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
