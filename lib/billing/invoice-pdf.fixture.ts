// A partner-pays invoice as getInvoice returns it, for the PDF and email tests.
import type { InvoiceDetail } from "@/db/invoices";
import { invoiceQrReference } from "./references";

export const SELLER = {
  name: "Demo Hosting AG (fictitious)", vatNumber: "CHE-123.456.789 MWST", iban: "CH4431999123000889012",
  address: { street: "Musterstrasse 1", postalCode: "8000", city: "Zürich", country: "CH" },
};
export const INVOICE: InvoiceDetail = {
  id: "i1", orgId: "p", seq: 42, number: "INV-000042", issuedAt: new Date("2026-03-01T09:00:00Z"), status: "unpaid", paidAt: null, currency: "CHF",
  subtotalMinor: 13_440, vatMinor: 1_089, totalMinor: 14_529, forOrgId: "c", forOrgName: "Helvetia Bakery SA",
  dueDate: "2026-03-31", paymentTermsDays: 30, supplyStart: "2026-03-01", supplyEnd: "2027-02-28",
  qrReference: invoiceQrReference("p", 42), seller: SELLER,
  buyer: { name: "Alpine Web Studio", address: { street: "Bergstrasse 12", postalCode: "3000", city: "Bern", country: "CH" } },
  paymentMethod: null, paymentReference: null,
  orderId: "o1", orderKind: "renewal", orderedAt: new Date("2026-03-01T09:00:00Z"), publicPriceMinor: 16_800,
  placedByUserId: "u", placedByOrgId: "p", productLabel: "Web Hosting Pro — helvetia", productCategory: "Web hosting",
  payerName: "Alpine Web Studio", placedByName: "Marc Keller", placedByOrgName: "Alpine Web Studio",
  lines: [
    {
      position: 1, description: "Web Hosting Pro — helvetia: renewal, 1 Mar 2026 – 28 Feb 2027", amountMinor: 16_800, vatRateBp: 810, vatMinor: 1_361,
      code: "subscription", params: { product: "Web Hosting Pro — helvetia", kind: "renewal", start: "2026-03-01", end: "2027-02-28" },
    },
    { position: 2, description: "Reseller discount (20 % of the public price)", amountMinor: -3_360, vatRateBp: 810, vatMinor: -272, code: "resellerDiscount", params: { rateBp: 2000 } },
  ],
};
