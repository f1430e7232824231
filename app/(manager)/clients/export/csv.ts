// CSV cells for spreadsheets: quoted when needed, and never read as a formula.

/** One cell. A leading = + - @ (or tab/CR) would make a spreadsheet run it as a formula, so it is prefixed with '. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
