// ISO 20022 camt.054 (Bank-to-Customer Debit/Credit Notification, versions .001.04 to .001.08 as Swiss
// banks deliver them) read into the transactions we can act on. Pure: no I/O.
//
// Every booked transaction (TxDtls inside each booked Ntry) becomes one item: credits carry the QR
// reference they paid (RmtInf/Strd/CdtrRefInf/Ref), debits the end-to-end id we gave the transfer. Each
// is named by the bank's own reference (AcctSvcrRef of the transaction, else of the entry with the
// transaction's position), which makes importing the same file twice recognisable.
import { child, children, parseXml, textOf, XmlError, type XmlElement } from "./xml";

export type CamtTransaction = {
  bankReference: string;
  direction: "credit" | "debit";
  amountMinor: number;
  currency: string;
  /** Credits: the structured creditor reference (a QR reference for QR-bills). */
  reference: string | null;
  /** Debits: the end-to-end id of the transfer. */
  endToEndId: string | null;
  bookedOn: string | null;
};

export type CamtNotification = { messageId: string; account: string | null; transactions: CamtTransaction[] };

export class CamtError extends Error {}

/** Files larger than this are refused before parsing (a day's notification is far smaller). */
export const MAX_CAMT_BYTES = 20 * 1024 * 1024;

/** "145.29" → 14529, exactly, never through a float; null for anything else. */
export function decimalToMinor(text: string | null): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text?.trim() ?? "");
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

function amountOf(el: XmlElement | undefined): { minor: number; currency: string } | null {
  const amt = child(el, "Amt");
  const minor = decimalToMinor(amt?.text ?? null);
  const currency = amt?.attributes.Ccy;
  return minor === null || !currency || !/^[A-Z]{3}$/.test(currency) ? null : { minor, currency };
}

function booked(entry: XmlElement): boolean {
  // .001.08 writes <Sts><Cd>BOOK</Cd></Sts>; .001.04 writes <Sts>BOOK</Sts>.
  return (textOf(entry, "Sts/Cd") ?? textOf(entry, "Sts")) === "BOOK";
}

function creditorReference(tx: XmlElement): string | null {
  for (const strd of children(child(tx, "RmtInf"), "Strd")) {
    const ref = textOf(strd, "CdtrRefInf/Ref");
    if (ref) return ref.replace(/\s/g, "");
  }
  return null;
}

export function parseCamt054(xml: string): CamtNotification {
  if (Buffer.byteLength(xml, "utf8") > MAX_CAMT_BYTES) throw new CamtError(`the file is larger than ${MAX_CAMT_BYTES / 1024 / 1024} MB`);
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    throw new CamtError(error instanceof XmlError ? `not well-formed XML: ${error.message}` : String(error));
  }
  const message = child(root, "BkToCstmrDbtCdtNtfctn");
  if (root.name !== "Document" || !message) throw new CamtError("not a camt.054 notification (no Document/BkToCstmrDbtCdtNtfctn)");
  const namespace = root.attributes.xmlns ?? "";
  if (namespace && !/camt\.054\.001\.0[4-8]$/.test(namespace)) throw new CamtError(`unsupported camt.054 version: ${namespace}`);
  const transactions: CamtTransaction[] = [];
  for (const notification of children(message, "Ntfctn")) {
    for (const entry of children(notification, "Ntry")) {
      if (!booked(entry)) continue;
      const entryDirection = textOf(entry, "CdtDbtInd");
      const entryRef = textOf(entry, "AcctSvcrRef") ?? textOf(entry, "NtryRef");
      const bookedOn = textOf(entry, "BookgDt/Dt") ?? textOf(entry, "BookgDt/DtTm")?.slice(0, 10) ?? null;
      const details = children(entry, "NtryDtls").flatMap((d) => children(d, "TxDtls"));
      details.forEach((tx, n) => {
        const amount = amountOf(tx) ?? (details.length === 1 ? amountOf(entry) : null);
        const direction = (textOf(tx, "CdtDbtInd") ?? entryDirection) === "DBIT" ? "debit" : "credit";
        const bankReference = textOf(tx, "Refs/AcctSvcrRef") ?? (entryRef ? `${entryRef}/${n + 1}` : null);
        if (!amount || !bankReference) throw new CamtError(`a transaction of entry ${entryRef ?? "?"} has no amount or no bank reference`);
        transactions.push({
          bankReference: bankReference.slice(0, 140), direction, amountMinor: amount.minor, currency: amount.currency,
          reference: direction === "credit" ? creditorReference(tx) : null,
          endToEndId: textOf(tx, "Refs/EndToEndId"),
          bookedOn,
        });
      });
    }
  }
  return { messageId: textOf(message, "GrpHdr/MsgId") ?? "", account: textOf(child(message, "Ntfctn"), "Acct/Id/IBAN"), transactions };
}
