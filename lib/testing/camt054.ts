// Builds ISO 20022 camt.054.001.08 notifications for tests, element for element in the schema's order
// (Document/BkToCstmrDbtCdtNtfctn: GrpHdr, Ntfctn: Id, CreDtTm, Acct, Ntry: NtryRef, Amt, CdtDbtInd, Sts,
// BookgDt, ValDt, AcctSvcrRef, BkTxCd, NtryDtls/TxDtls: Refs, Amt, CdtDbtInd, RmtInf), as a Swiss bank
// reports QR-bill credits (QRR creditor references) and outgoing transfers (end-to-end ids).
export type CamtEntrySpec = {
  bankReference: string;
  direction: "credit" | "debit";
  amountMinor: number;
  currency?: string;
  /** Credits: the QR reference the payer quoted. */
  qrReference?: string;
  /** Debits: the end-to-end id of our transfer. */
  endToEndId?: string;
  bookedOn?: string;
  status?: "BOOK" | "PDNG";
};

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const amount = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;

function entry(e: CamtEntrySpec, n: number): string {
  const ccy = e.currency ?? "CHF";
  const ind = e.direction === "credit" ? "CRDT" : "DBIT";
  const day = e.bookedOn ?? "2026-03-10";
  const family = e.direction === "credit" ? "RCDT" : "ICDT";
  const rmt = e.qrReference
    ? `<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Prtry>QRR</Prtry></CdOrPrtry></Tp><Ref>${esc(e.qrReference)}</Ref></CdtrRefInf></Strd></RmtInf>`
    : "";
  return `
      <Ntry>
        <NtryRef>${n}</NtryRef>
        <Amt Ccy="${ccy}">${amount(e.amountMinor)}</Amt>
        <CdtDbtInd>${ind}</CdtDbtInd>
        <Sts><Cd>${e.status ?? "BOOK"}</Cd></Sts>
        <BookgDt><Dt>${day}</Dt></BookgDt>
        <ValDt><Dt>${day}</Dt></ValDt>
        <AcctSvcrRef>NTRY-${esc(e.bankReference)}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${family}</Cd><SubFmlyCd>${e.direction === "credit" ? "VCOM" : "DMCT"}</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><AcctSvcrRef>${esc(e.bankReference)}</AcctSvcrRef>${e.endToEndId ? `<EndToEndId>${esc(e.endToEndId)}</EndToEndId>` : "<EndToEndId>NOTPROVIDED</EndToEndId>"}</Refs>
            <Amt Ccy="${ccy}">${amount(e.amountMinor)}</Amt>
            <CdtDbtInd>${ind}</CdtDbtInd>
            ${rmt}
          </TxDtls>
        </NtryDtls>
      </Ntry>`;
}

export function buildCamt054({ messageId = "MSG-TEST-1", iban = "CH4431999123000889012", entries }: { messageId?: string; iban?: string; entries: CamtEntrySpec[] }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr>
      <MsgId>${esc(messageId)}</MsgId>
      <CreDtTm>2026-03-10T18:00:00+01:00</CreDtTm>
    </GrpHdr>
    <Ntfctn>
      <Id>${esc(messageId)}-1</Id>
      <CreDtTm>2026-03-10T18:00:00+01:00</CreDtTm>
      <Acct><Id><IBAN>${iban}</IBAN></Id></Acct>${entries.map(entry).join("")}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}
