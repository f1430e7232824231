// The invoice as a PDF document (pdfkit): the same facts, lines, VAT and totals as the invoice page.
import "server-only";
import PDFDocument from "pdfkit";
import type { InvoiceDetail } from "@/db/invoices";
import { formatDate, formatMoney } from "../format";
import { formatRate } from "./money";

// The standard PDF fonts speak Windows-1252: keep its letters (ü, é, à, ’, –, —), and spell the rest plainly.
const pdfText = (s: string) => s.replace(/−/g, "-").replace(/[^\x20-\x7e\u00a0-\u00ff’‘“”–—…•€]/g, "?");

/** `compress: false` leaves the content streams readable, for tests that check the words on the page. */
export async function renderInvoicePdf(inv: InvoiceDetail, { compress = true } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4", margin: 56, compress,
    info: { Title: `Invoice ${inv.number}`, Author: "Partner Manager", Subject: `Invoice ${inv.number} to ${pdfText(inv.payerName)}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => { doc.on("end", resolve); doc.on("error", reject); });
  const money = (m: number) => pdfText(formatMoney(m, inv.currency));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font("Helvetica-Bold").fontSize(20).text(`Invoice ${inv.number}`);
  doc.moveDown(0.3).font("Helvetica").fontSize(10).fillColor("#475569")
    .text(`Issued ${formatDate(inv.issuedAt)} · ${inv.status === "paid" && inv.paidAt ? `Paid on ${formatDate(inv.paidAt)}` : "Unpaid"}`);
  doc.moveDown(1).fillColor("#000000");

  const facts: [string, string][] = [
    ["Billed to", inv.payerName],
    ["For organization", inv.forOrgName],
    ["Product", inv.productLabel ? `${inv.productLabel} (${inv.productCategory})` : "-"],
    ["Order", `${inv.orderKind === "renewal" ? "Renewal" : "New subscription"}${inv.orderedAt ? `, ${formatDate(inv.orderedAt)}` : ""}`],
    ["Placed by", inv.placedByName ? `${inv.placedByName}${inv.placedByOrgName ? ` (${inv.placedByOrgName})` : ""}` : "Automatic renewal"],
  ];
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font("Helvetica-Bold").fontSize(10).text(label, left, y, { width: 130 });
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
  row(["Description", "Amount", "VAT rate", "VAT"], true);
  doc.moveTo(left, doc.y + 2).lineTo(left + width, doc.y + 2).strokeColor("#cbd5e1").stroke();
  for (const l of inv.lines) row([pdfText(l.description), money(l.amountMinor), formatRate(l.vatRateBp), money(l.vatMinor)]);
  doc.moveTo(left, doc.y + 6).lineTo(left + width, doc.y + 6).stroke();
  doc.moveDown(0.8);
  for (const [label, value, bold] of [["Subtotal", inv.subtotalMinor, false], ["VAT", inv.vatMinor, false], ["Total", inv.totalMinor, true]] as const) {
    const y = doc.y;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(bold ? 12 : 10);
    doc.text(label, cols[1]! - 60, y, { width: 200, align: "right" });
    doc.text(money(value), cols[3]! - 40, y, { width: 120, align: "right" });
    doc.moveDown(0.3);
  }

  doc.moveDown(2).font("Helvetica").fontSize(8).fillColor("#64748b").text(
    "VAT per line at the rate in force on the date of supply (the first day of the period). An issued invoice is never changed.",
    left, doc.y, { width });
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
