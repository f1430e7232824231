// CSV export (RFC 4180): every field quoted, quotes doubled; text that a spreadsheet would run as a
// formula (=, +, -, @ at the start) is prefixed with an apostrophe. Numbers and plain decimals stay numbers.
export function csvField(value: string | number | null | undefined): string {
  if (value == null) return "";
  if (typeof value === "number") return String(value);
  // Plain decimals (amounts) stay numbers for the spreadsheet, sign included.
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** Minor units as a plain decimal for spreadsheets: 16800 → "168.00", −239 → "-2.39". */
export function minorToDecimal(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
