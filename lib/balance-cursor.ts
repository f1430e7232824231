// The ledger page's "next" link carries the balance right before the cursor's entry (the page it came
// from computed it), so that a deep page needs no sum over every newer entry (db/prepaid.ts). The
// balance comes back from the URL: it is signed (HMAC with AUTH_SECRET, bound to the organization and
// the cursor), and a missing, altered or foreign one is ignored, which only costs the sum.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { BalanceAnchor } from "@/db/prepaid";
import { env } from "./env";
import type { KeysetCursor } from "./pagination";

function mac(orgId: string, at: Date, id: string, balanceBeforeMinor: number, secret: string): string {
  return createHmac("sha256", secret).update(`prepaid-balance\n${orgId}\n${at.getTime()}\n${id}\n${balanceBeforeMinor}`).digest("base64url").slice(0, 22);
}

/** The `bal` parameter of the link to the page after `anchor`'s entry. */
export function encodeBalance(orgId: string, anchor: BalanceAnchor, secret = env().AUTH_SECRET): string {
  return `${anchor.balanceBeforeMinor}.${mac(orgId, anchor.at, anchor.id, anchor.balanceBeforeMinor, secret)}`;
}

/** The anchor a `bal` parameter vouches for at `cursor`, or undefined (absent, malformed, not ours). */
export function decodeBalance(orgId: string, cursor: KeysetCursor | undefined, raw: string | string[] | undefined, secret = env().AUTH_SECRET): BalanceAnchor | undefined {
  if (!cursor || typeof raw !== "string" || raw.length > 60) return undefined;
  const m = /^(-?\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(raw);
  if (!m) return undefined;
  const balanceBeforeMinor = Number(m[1]);
  if (!Number.isSafeInteger(balanceBeforeMinor)) return undefined;
  const expected = Buffer.from(mac(orgId, cursor.at, cursor.id, balanceBeforeMinor, secret));
  const given = Buffer.from(m[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { at: cursor.at, id: cursor.id, balanceBeforeMinor } : undefined;
}
