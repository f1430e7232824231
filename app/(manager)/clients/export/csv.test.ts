import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("CSV export cells", () => {
  it.each([
    ["Helvetia Bakery SA", "Helvetia Bakery SA"],
    ["Tom, Jerry & Co", '"Tom, Jerry & Co"'],
    ['Say "cheese"', '"Say ""cheese"""'],
    ["two\nlines", '"two\nlines"'],
    ["=HYPERLINK(\"http://x\")", '"\'=HYPERLINK(""http://x"")"'],
    ["+41 44 000", "'+41 44 000"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["", ""],
  ])("%j → %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("ends each line with CRLF", () => {
    expect(csvLine(["a", "b,c"])).toBe('a,"b,c"\r\n');
  });
});
