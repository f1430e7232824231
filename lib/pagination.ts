// Keyset cursors in URLs: "<epoch ms>.<id>" of the last row shown. Anything malformed reads as no cursor.
export type KeysetCursor = { at: Date; id: string };

export function encodeCursor(c: KeysetCursor): string {
  return `${c.at.getTime()}.${c.id}`;
}

export function decodeCursor(raw: string | undefined | null): KeysetCursor | undefined {
  if (!raw || raw.length > 100) return undefined;
  const m = /^(\d{1,15})\.([A-Za-z0-9-]{1,64})$/.exec(raw);
  if (!m) return undefined;
  return { at: new Date(Number(m[1])), id: m[2]! };
}
