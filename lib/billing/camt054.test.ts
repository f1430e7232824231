// Reading camt.054 notifications: what each booked transaction says, and what hostile files get.
import { describe, expect, it } from "vitest";
import { buildCamt054 } from "@/lib/testing/camt054";
import { CamtError, decimalToMinor, parseCamt054 } from "./camt054";
import { parseXml, XmlError } from "./xml";

const QRR = "058922533215830000000000428";

describe("parseCamt054", () => {
  it("reads booked credits with their QR reference and debits with their end-to-end id, amounts exactly", () => {
    const n = parseCamt054(buildCamt054({ messageId: "M-1", entries: [
      { bankReference: "B-1", direction: "credit", amountMinor: 14_529, qrReference: QRR, bookedOn: "2026-03-09" },
      { bankReference: "B-2", direction: "debit", amountMinor: 2_000, endToEndId: "PMW-ABC", currency: "CHF" },
      { bankReference: "B-3", direction: "credit", amountMinor: 1_000, status: "PDNG", qrReference: QRR },
      { bankReference: "B-4", direction: "credit", amountMinor: 2_390, currency: "EUR" },
    ] }));
    expect(n.messageId).toBe("M-1");
    expect(n.account).toBe("CH4431999123000889012");
    expect(n.transactions).toEqual([
      { bankReference: "B-1", direction: "credit", amountMinor: 14_529, currency: "CHF", reference: QRR, endToEndId: "NOTPROVIDED", bookedOn: "2026-03-09" },
      { bankReference: "B-2", direction: "debit", amountMinor: 2_000, currency: "CHF", reference: null, endToEndId: "PMW-ABC", bookedOn: "2026-03-10" },
      { bankReference: "B-4", direction: "credit", amountMinor: 2_390, currency: "EUR", reference: null, endToEndId: "NOTPROVIDED", bookedOn: "2026-03-10" },
    ]);
  });

  it("parses decimal amounts without floating point and refuses anything else", () => {
    expect(decimalToMinor("145.29")).toBe(14_529);
    expect(decimalToMinor("0.1")).toBe(10);
    expect(decimalToMinor("1000")).toBe(100_000);
    expect(decimalToMinor("999999999999.99")).toBe(99_999_999_999_999);
    for (const bad of ["-1.00", "1.234", "1e3", "", "12,50", " ", "1.2.3"]) expect(decimalToMinor(bad)).toBeNull();
  });

  it("refuses what is not a camt.054 notification, a DOCTYPE (no external entities), and malformed XML", () => {
    expect(() => parseCamt054("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt/></Document>")).toThrow(CamtError);
    expect(() => parseCamt054("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Document>&e;</Document>")).toThrow(/DOCTYPE/);
    expect(() => parseCamt054("<Document><BkToCstmrDbtCdtNtfctn></Document>")).toThrow(CamtError);
    expect(() => parseCamt054("not xml at all")).toThrow(CamtError);
    const noAmount = buildCamt054({ entries: [{ bankReference: "B-1", direction: "credit", amountMinor: 100 }] }).replace(/<Amt Ccy="CHF">1\.00<\/Amt>/g, "<Amt Ccy=\"CHF\">1,00</Amt>");
    expect(() => parseCamt054(noAmount)).toThrow(/no amount/);
  });
});

describe("parseXml", () => {
  it("reads elements, attributes, text, entities, CDATA and comments, dropping namespace prefixes", () => {
    const root = parseXml("<?xml version=\"1.0\"?><!-- c --><a:Doc xmlns:a=\"urn:x\"><a:B k=\"v&amp;w\">x &lt; y &#65;&#x42;</a:B><C><![CDATA[<raw>]]></C><D/></a:Doc>");
    expect(root.name).toBe("Doc");
    expect(root.children.map((c) => c.name)).toEqual(["B", "C", "D"]);
    expect(root.children[0]).toMatchObject({ attributes: { k: "v&w" }, text: "x < y AB" });
    expect(root.children[1]!.text).toBe("<raw>");
  });

  it("refuses mismatched tags, unknown entities, two roots and deep nesting", () => {
    for (const bad of ["<a><b></a></b>", "<a>&nbsp;</a>", "<a/><b/>", `${"<x>".repeat(100)}${"</x>".repeat(100)}`, "<a>"]) {
      expect(() => parseXml(bad), bad).toThrow(XmlError);
    }
  });

  it("refuses the characters XML 1.0 does not allow, written or referenced, and keeps every other", () => {
    for (const bad of ["<a>\u0000</a>", "<a>&#0;</a>", "<a>&#x1;</a>", "<a b=\"&#xB;\"/>", "<a>&#xD800;</a>", "<a>&#xFFFE;</a>", "<a>&#x110000;</a>", "<a>&#99999999999;</a>", "<a>\ufffe</a>"]) {
      expect(() => parseXml(bad), JSON.stringify(bad)).toThrow(XmlError);
    }
    expect(parseXml("<a>&#x1F600;&#9;é\u{1F600}&#xE000;</a>").text).toBe("\u{1F600}\té\u{1F600}\uE000");
  });
});
