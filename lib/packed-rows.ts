// Rows of strings as a client component's props, each distinct string once: a row is a list of indexes
// into `strings`. The rows travel twice in the page (markup, and the RSC payload that hydrates it); in
// the payload a name, a kind, an organization or a browser repeats on many rows, and an index is a
// digit or two without quotes (docs/benchmarks.md, "The events list's weight"). Pure; used on both sides.

export type Packed<Row extends readonly string[]> = { strings: string[]; rows: number[][]; __row?: Row };

export function packRows<Row extends readonly string[]>(rows: Row[]): Packed<Row> {
  const index = new Map<string, number>();
  const strings: string[] = [];
  const at = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  return { strings, rows: rows.map((row) => row.map(at)) };
}

export function unpackRows<Row extends readonly string[]>({ strings, rows }: Packed<Row>): Row[] {
  return rows.map((row) => row.map((i) => strings[i] ?? "") as unknown as Row);
}

/**
 * A template translated on the server with placeholders left in ("{customer} – {partner}"), filled
 * on the client per row: the words travel once for all rows. Replacement text is taken as is ("$&"
 * in a name stays "$&").
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, key: string) => values[key] ?? placeholder);
}
