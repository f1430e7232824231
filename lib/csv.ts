// CSV for spreadsheets, the one implementation every export uses: RFC 4180 quoting, and cells that a
// spreadsheet would run as a formula are prefixed with an apostrophe (names and user agents come from
// users and may start with "="). Plain decimals ("-2.39") stay numbers: they cannot be formulas.
import { performance } from "node:perf_hooks";

export type Cell = string | number | null | undefined;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Whether a cell starting with this character could run as a formula: = + - @ tab CR. */
const formulaStart = (c: number) => c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  let s = value;
  // Checked on the first character before any regular expression: exports format millions of cells.
  if (formulaStart(s.charCodeAt(0)) && !PLAIN_DECIMAL.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: Cell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvCell(cells[i]) : `,${csvCell(cells[i])}`;
  return `${line}\r\n`;
}

/** Rows per query of an export: small enough that one chunk blocks an SQLite process for a few ms. */
export const EXPORT_CHUNK = 400;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Exports run at background priority: before each chunk, wait until the event loop has been quiet for
 * a moment (other requests first), but never more than MAX_WAIT_MS, so an export always progresses.
 * On SQLite a query blocks the whole process while it runs; this keeps pages answering during an export.
 */
const QUIET_STEP_MS = 1;
const MAX_WAIT_MS = 250;
async function backgroundTurn(): Promise<void> {
  for (let waited = 0; waited < MAX_WAIT_MS; waited += QUIET_STEP_MS) {
    const before = performance.eventLoopUtilization();
    await sleep(QUIET_STEP_MS);
    // Less than half of the step spent running something else (our own socket writes take less): nobody is waiting.
    if (performance.eventLoopUtilization(before).active < QUIET_STEP_MS / 2) return;
  }
}

/** How a download is streamed: `readAhead` (below), and the export slot it gives back when it ends (lib/server/export-slots.ts). */
export type CsvOptions = { readAhead?: boolean; slot?: { release(): void } };

/**
 * A streamed CSV download: the header row at once (the download starts before any query), then one
 * batch per pull. The stream keeps one batch ready ahead of the writer (`highWaterMark: 1`): while a
 * batch is compressed and sent (gzip works on libuv's threads, lib/cli/server.ts), the next one is
 * loaded and written to text. Beyond that one the stream pulls only when the client has taken a batch
 * (the socket's backpressure), so memory stays bounded whatever the size. Each pull first waits its
 * turn (backgroundTurn), so other requests run before the next chunk. A client that disconnects
 * cancels the stream, which ends the generator: no further query runs.
 * A UTF-8 BOM lets spreadsheets read accented names right.
 *
 * `readAhead: true` also starts loading the batch after that one as soon as a batch is handed over,
 * before its turn (PostgreSQL runs the query in its own process, so the round trip overlaps this
 * thread's work): one more batch at most, still bounded; a cancel lets that load finish and then ends
 * the generator.
 *
 * `slot` is released once, when the last batch has been read, when a load fails (the stream errors) or
 * when the client leaves (cancel), so that a download holds its export slot exactly while it runs.
 */
export function csvResponse<T>(filename: string, header: string[], batches: AsyncIterable<T[]>, toCells: (row: T) => Cell[], options: CsvOptions = {}): Response {
  return csvTextResponse(filename, header, batches, (rows) => {
    let text = "";
    for (const row of rows) text += csvRow(toCells(row));
    return text;
  }, options);
}

/**
 * The same download, each batch written by `toText` (its CSV lines, each ending in CRLF): for the
 * largest exports, which build their lines straight from the driver's rows, with csvCell for every
 * cell, rather than through an array of cells per row.
 */
export function csvTextResponse<T>(filename: string, header: string[], batches: AsyncIterable<T[]>, toText: (rows: T[]) => string, { readAhead = false, slot }: CsvOptions = {}): Response {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let ahead: Promise<IteratorResult<T[]>> | null = null;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
    },
    async pull(controller) {
      await backgroundTurn();
      if (cancelled) return; // the client left while this pull waited its turn: nothing more to read or close
      try {
        const next = ahead ?? iterator.next();
        ahead = null;
        const { done, value } = await next;
        if (cancelled) return; // the client left during this load: the cancel ends the generator after it
        if (done) {
          controller.close();
          slot?.release();
          collectSoon();
          return;
        }
        if (readAhead) {
          ahead = iterator.next();
          ahead.catch(() => undefined); // its error, if any, is thrown by the next pull's await
        }
        controller.enqueue(encoder.encode(toText(value)));
      } catch (error) {
        slot?.release(); // the stream errors with it: nothing more will be read
        throw error;
      }
    },
    async cancel() {
      cancelled = true;
      try {
        await ahead?.catch(() => undefined);
        await iterator.return?.();
      } finally {
        slot?.release();
        collectSoon();
      }
    },
  }, { highWaterMark: 1 });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * After an export, its garbage (a million rows' worth) would wait in V8's old generation for the next
 * full collection, which an idle server does not trigger: the RSS stayed at its peak. When `npm start`
 * exposes the collector (`--expose-gc`), one collection runs a moment after the last export of a burst
 * has ended, off the request path (V8's asynchronous execution). Without it, nothing happens.
 */
const COLLECT_AFTER_MS = 2_000;
let collectTimer: ReturnType<typeof setTimeout> | undefined;
export function collectSoon(): void {
  const gc = (globalThis as { gc?: (options?: { type: "major"; execution: "async" }) => unknown }).gc;
  if (typeof gc !== "function") return;
  clearTimeout(collectTimer);
  collectTimer = setTimeout(() => { collectTimer = undefined; void gc({ type: "major", execution: "async" }); }, COLLECT_AFTER_MS);
  collectTimer.unref?.();
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
