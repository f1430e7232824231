// The platform operator as the seller of every invoice, from configuration (lib/env.ts): frozen onto each
// invoice when it is issued, so a later change of address or account never alters an issued invoice.
import "server-only";
import type { InvoiceParty } from "../domain";
import { env } from "../env";

export function sellerFromConfiguration(): InvoiceParty {
  const e = env();
  return {
    name: e.SELLER_NAME,
    address: { street: e.SELLER_STREET, postalCode: e.SELLER_POSTAL_CODE, city: e.SELLER_CITY, country: e.SELLER_COUNTRY },
    vatNumber: e.SELLER_VAT_NUMBER,
    iban: e.SELLER_QR_IBAN,
  };
}

export function paymentTermsDays(): number {
  return env().PAYMENT_TERMS_DAYS;
}
