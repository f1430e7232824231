import { describe, expect, it } from "vitest";
import { fillTemplate, packRows, unpackRows } from "@/lib/packed-rows";

describe("packed rows", () => {
  it("sends each distinct string once and gives the rows back as they were", () => {
    const rows: [string, string, string][] = [["Order placed", "Marc Keller", ""], ["Order placed", "Nora", "Marc Keller"], ["", "", ""]];
    const packed = packRows(rows);
    expect(packed.strings).toEqual(["Order placed", "Marc Keller", "", "Nora"]);
    expect(packed.rows).toEqual([[0, 1, 2], [0, 3, 1], [2, 2, 2]]);
    expect(unpackRows(packed)).toEqual(rows);
    expect(unpackRows(packRows([]))).toEqual([]);
  });

  it("fills a template's placeholders per row, names taken as they are", () => {
    expect(fillTemplate("{customer} – {partner}", { customer: "Helvetia $& SA", partner: "Alpine" })).toBe("Helvetia $& SA – Alpine");
    expect(fillTemplate("N° {seq}", { seq: "68" })).toBe("N° 68");
    expect(fillTemplate("Retry {recipient}", {})).toBe("Retry {recipient}");
  });
});
