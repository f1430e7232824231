// Streams a keyset-paginated list as CSV, one page at a time, so an export of any size stays in small memory.
import { csvLine } from "../csv";

export function csvResponse<R, C>(args: {
  filename: string;
  header: string[];
  firstPage: () => Promise<{ rows: R[]; next: C | null }>;
  nextPage: (cursor: C) => Promise<{ rows: R[]; next: C | null }>;
  toCells: (row: R) => (string | number | null)[];
}): Response {
  const encoder = new TextEncoder();
  let cursor: C | null | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark so spreadsheet programs read the accents as UTF-8.
      controller.enqueue(encoder.encode(`\ufeff${csvLine(args.header)}`));
    },
    async pull(controller) {
      try {
        const page = cursor === undefined ? await args.firstPage() : await args.nextPage(cursor!);
        controller.enqueue(encoder.encode(page.rows.map((r) => csvLine(args.toCells(r))).join("")));
        cursor = page.next;
        if (cursor === null) controller.close();
      } catch (error) {
        console.error("[csv] export failed", error);
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${args.filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
