// CSV for spreadsheets, the one implementation every export uses: RFC 4180 quoting, and cells that a
// spreadsheet would run as a formula are prefixed with an apostrophe (names and user agents come from
// users and may start with "="). Plain decimals ("-2.39") stay numbers: they cannot be formulas.
export type Cell = string | number | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && !/^-?\d+(\.\d+)?$/.test(s) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * A streamed CSV download: the header row, then each batch of rows as the generator yields it, so
 * a large export never sits in memory. A UTF-8 BOM lets spreadsheets read accented names right.
 */
export function csvResponse<T>(filename: string, header: string[], batches: AsyncIterable<T[]>, toCells: (row: T) => Cell[]): Response {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
    },
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value.map((r) => csvRow(toCells(r))).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** The rows of a keyset-paginated list, page after page, as the batches `csvResponse` streams. */
export async function* keysetPages<R, C>(load: (cursor: C | undefined) => Promise<{ rows: R[]; next: C | null }>): AsyncGenerator<R[]> {
  let cursor: C | undefined;
  for (;;) {
    const page = await load(cursor);
    yield page.rows;
    if (page.next === null) return;
    cursor = page.next;
  }
}

/** Minor units as a plain decimal for spreadsheets: 16800 → "168.00", −239 → "-2.39". */
export function minorToDecimal(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
