// The invoice as a PDF (pdfkit) with what Swiss VAT law asks of it (MWSTG art. 26: seller with address
// and VAT number, buyer with address, dates of issue and supply, amounts excl. VAT, VAT per rate, total
// incl. VAT) and the payment terms; an unpaid invoice ends with a Swiss QR-bill (swissqrbill): payment
// part and receipt, with the seller's QR-IBAN and the invoice's QR reference. Written in the reader's
// language (the viewer who downloads it, or the email's recipient); lines are rendered from their codes.
import "server-only";
import PDFDocument from "pdfkit";
import { SwissQRBill } from "swissqrbill/pdf";
import type { InvoiceDetail } from "@/db/invoices";
import type { InvoiceParty } from "../domain";
import { formatDate, formatMoney, formatRate } from "../format";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translator } from "../i18n/translator";
import { addressLines, lineText, paymentTermsText, supplyPeriodText, vatByRate } from "./invoice-text";
import { fontsForDocument, printable, SANS, SANS_BOLD } from "./pdf-fonts";
import { formatQrReference } from "./references";
import { spsText } from "./sps-text";
import { sellerFromConfiguration } from "./seller";

const QR_LANGUAGE: Record<Locale, "DE" | "FR" | "IT" | "EN"> = { "de-CH": "DE", "fr-CH": "FR", "it-CH": "IT", en: "EN" };

/**
 * Text as a QR-bill field holds it: in the standards' character set (sps-text.ts), so that a bank can
 * read it, then cut to the field's length (swissqrbill counts UTF-16 units and refuses anything longer).
 * Every character of the set is one unit, so the cut never splits one.
 */
export const qrField = (s: string, max: number) => spsText(s).slice(0, max);

/** The QR-bill's data: creditor (seller, QR-IBAN), amount, currency, debtor (buyer's address), QR reference. */
export function qrBillData(inv: Pick<InvoiceDetail, "totalMinor" | "currency" | "qrReference" | "number">, seller: InvoiceParty, buyer: InvoiceParty | null) {
  if (!seller.address || !seller.iban || !inv.qrReference) return null;
  // The forms keep an address within these lengths; an issued invoice keeps what it was issued with, and
  // an organization's name is the operator's: cut here, so that no stored text can stop a QR-bill.
  const party = (p: InvoiceParty & { address: NonNullable<InvoiceParty["address"]> }) => ({
    name: qrField(p.name, 70), address: qrField(p.address.street, 70), zip: qrField(p.address.postalCode, 16),
    city: qrField(p.address.city, 35), country: p.address.country,
  });
  return {
    creditor: { ...party({ ...seller, address: seller.address }), account: seller.iban },
    // Exact: an integer of minor units over 100 is the closest double to the decimal, which the library
    // writes back with two decimals (the test decodes the amount string from the printed code).
    amount: inv.totalMinor / 100,
    currency: inv.currency,
    reference: inv.qrReference,
    message: qrField(inv.number, 140),
    ...(buyer?.address ? { debtor: party({ ...buyer, address: buyer.address }) } : {}),
  };
}

/** `compress: false` leaves the content streams readable, for tests that check the words on the page. */
export async function renderInvoicePdf(inv: InvoiceDetail, { compress = true, locale = DEFAULT_LOCALE }: { compress?: boolean; locale?: Locale } = {}): Promise<Buffer> {
  const t = translator(locale, "pdf");
  const date = (d: Date) => formatDate(d, locale);
  // Invoices issued before sellers were frozen onto them show the operator as configured now.
  const seller = inv.seller ?? sellerFromConfiguration();
  const buyer: InvoiceParty = inv.buyer ?? { name: inv.payerName, address: null };
  const title = t("title", { number: inv.number });
  // The document's properties are Unicode strings, not glyphs: they keep every character (a viewer
  // shows them, a search indexes them).
  const doc = new PDFDocument({
    size: "A4", margin: 56, compress, lang: locale,
    info: { Title: title, Author: seller.name, Subject: t("subject", { number: inv.number, payerName: buyer.name }) },
  });
  const fonts = fontsForDocument();
  // pdfkit takes a font fontkit has opened, though its types name only files and bytes.
  doc.registerFont(SANS, fonts.regular as unknown as Buffer).registerFont(SANS_BOLD, fonts.bold as unknown as Buffer).font(SANS);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => { doc.on("end", resolve); doc.on("error", reject); });
  const money = (m: number) => printable(formatMoney(m, inv.currency, locale));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // Seller (top left), buyer (where a window envelope shows it).
  const top = doc.y;
  doc.font(SANS_BOLD).fontSize(11).text(printable(seller.name), left, top, { width: 240 });
  doc.font(SANS).fontSize(9).fillColor("#334155");
  for (const l of addressLines(seller)) doc.text(printable(l), { width: 240 });
  if (seller.vatNumber) doc.text(printable(t("vatNumber", { number: seller.vatNumber })), { width: 240 });
  const sellerBottom = doc.y;
  doc.fillColor("#64748b").fontSize(8).text(printable(t("billedTo")), left + 300, top + 60, { width: width - 300 });
  doc.fillColor("#000000").font(SANS_BOLD).fontSize(10).text(printable(buyer.name), { width: width - 300 });
  doc.font(SANS);
  for (const l of addressLines(buyer)) doc.text(printable(l), { width: width - 300 });
  doc.y = Math.max(sellerBottom, doc.y) + 24;

  doc.font(SANS_BOLD).fontSize(18).text(printable(title), left, doc.y);
  doc.moveDown(0.2).font(SANS).fontSize(10).fillColor("#475569")
    .text(printable(inv.status === "paid" && inv.paidAt ? t("paidOn", { date: date(inv.paidAt) }) : t("unpaid")));
  doc.moveDown(0.8).fillColor("#000000");

  const period = supplyPeriodText(inv, locale);
  const facts: [string, string][] = [
    [t("issueDate"), date(inv.issuedAt)],
    ...(period ? [[t("supplyPeriod"), period] as [string, string]] : []),
    ...(inv.dueDate ? [[t("dueDate"), formatDate(new Date(`${inv.dueDate}T12:00:00Z`), locale)] as [string, string]] : []),
    [t("forOrganization"), inv.forOrgName],
    [t("order"), `${t(`orderKind.${inv.orderKind === "renewal" ? "renewal" : "new"}`)}${inv.orderedAt ? `, ${date(inv.orderedAt)}` : ""}`],
    [t("placedBy"), inv.placedByName ? `${inv.placedByName}${inv.placedByOrgName ? ` (${inv.placedByOrgName})` : ""}` : t("automaticRenewal")],
    ...(inv.qrReference ? [[t("reference"), formatQrReference(inv.qrReference)] as [string, string]] : []),
  ];
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font(SANS_BOLD).fontSize(9).text(printable(label), left, y, { width: 130 });
    doc.font(SANS).text(printable(value), left + 140, y, { width: width - 140 });
    doc.moveDown(0.25);
  }

  // Lines: description, amount excl. VAT, VAT rate, VAT.
  const cols = [left, left + width - 250, left + width - 150, left + width - 80];
  const row = (cells: string[], bold = false) => {
    const y = doc.y + 4;
    doc.font(bold ? SANS_BOLD : SANS).fontSize(9);
    doc.text(cells[0]!, cols[0], y, { width: cols[1]! - cols[0]! - 10 });
    const bottom = doc.y;
    cells.slice(1).forEach((c, i) => doc.text(c, cols[i + 1], y, { width: i === 2 ? 80 : 90, align: "right" }));
    doc.y = Math.max(bottom, doc.y);
  };
  doc.moveDown(1);
  row([t("description"), t("amount"), t("vatRate"), t("vat")].map(printable), true);
  doc.moveTo(left, doc.y + 2).lineTo(left + width, doc.y + 2).strokeColor("#cbd5e1").stroke();
  for (const l of inv.lines) row([printable(lineText(l, locale)), money(l.amountMinor), printable(formatRate(l.vatRateBp, locale)), money(l.vatMinor)]);
  doc.moveTo(left, doc.y + 6).lineTo(left + width, doc.y + 6).stroke();
  doc.moveDown(0.8);
  const total = (label: string, value: number, bold = false) => {
    const y = doc.y;
    doc.font(bold ? SANS_BOLD : SANS).fontSize(bold ? 11 : 9);
    doc.text(printable(label), cols[1]! - 120, y, { width: 260, align: "right" });
    doc.text(money(value), cols[3]! - 40, y, { width: 120, align: "right" });
    doc.moveDown(0.3);
  };
  total(t("totalExclVat"), inv.subtotalMinor);
  for (const g of vatByRate(inv.lines)) total(t("vatOn", { rate: formatRate(g.rateBp, locale), base: formatMoney(g.baseMinor, inv.currency, locale) }), g.vatMinor);
  total(t("totalInclVat"), inv.totalMinor, true);

  const terms = paymentTermsText(inv, locale);
  doc.moveDown(1.2).font(SANS_BOLD).fontSize(9).text(printable(t("termsHeading")), left, doc.y, { width });
  doc.font(SANS);
  if (terms) doc.text(printable(terms), { width });
  const qr = inv.status === "unpaid" && inv.totalMinor > 0 ? qrBillData(inv, seller, buyer) : null;
  doc.text(printable(inv.status === "paid" ? t("paidNoSlip") : qr ? t("payWithSlip") : t("payByTransfer")), { width });
  doc.moveDown(1.5).fontSize(7.5).fillColor("#64748b").text(printable(t("footer")), left, doc.y, { width });
  doc.fillColor("#000000");

  // The payment part and receipt at the foot of the last page, or on a page of their own when the
  // content leaves no room for them.
  if (qr) new SwissQRBill(qr, { language: QR_LANGUAGE[locale], fontName: SANS }).attachTo(doc);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
