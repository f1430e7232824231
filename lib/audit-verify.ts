// Walking the audit hash chain, as pure functions over rows already read: the database side
// (db/audit-verify.ts) feeds them batch by batch in `seq` order and stops at the first break.
import { auditEventHash, legacyAuditEventHash, type HashedAuditContent } from "./audit-hash";

export type ChainRow = HashedAuditContent & { hash: string };

export type ChainProblem =
  | "seq_gap" // an event is missing (deleted) or numbered out of order
  | "prev_hash_mismatch" // an event does not point at the hash of the one before it
  | "hash_mismatch" // an event's content no longer matches its own hash
  | "head_mismatch" // the chain's head row disagrees with the last event (tail removed or rewritten)
  | "anchor_mismatch"; // an event differs from a hash recorded outside the database earlier

export type ChainBreak = { seq: number; id: string | null; problem: ChainProblem; detail: string };

/** Where the walk stands: the seq and previous hash the next event must carry. */
export type ChainCursor = { nextSeq: number; prevHash: string | null; checked: number };

/** A (seq, hash) pair recorded elsewhere (a ticket, a log, another system) at an earlier verification. */
export type ChainAnchor = { seq: number; hash: string };

export const CHAIN_START: ChainCursor = { nextSeq: 1, prevHash: null, checked: 0 };

const short = (h: string | null) => (h ? `${h.slice(0, 12)}…` : "none");

/** Checks one batch that continues the cursor; returns the first break, or the cursor after the batch. */
export function checkChainBatch(
  cursor: ChainCursor,
  rows: ChainRow[],
  anchors: ChainAnchor[] = [],
): { cursor: ChainCursor; broken: null } | { cursor: ChainCursor; broken: ChainBreak } {
  let c = cursor;
  for (const row of rows) {
    if (row.seq !== c.nextSeq) {
      const detail = row.seq > c.nextSeq
        ? `expected event #${c.nextSeq}, found #${row.seq}: ${row.seq - c.nextSeq} event(s) missing before it`
        : `event #${row.seq} appears after #${c.nextSeq - 1}: the numbering goes backwards`;
      return { cursor: c, broken: { seq: row.seq, id: row.id, problem: "seq_gap", detail } };
    }
    if (row.prevHash !== c.prevHash) {
      return {
        cursor: c,
        broken: {
          seq: row.seq, id: row.id, problem: "prev_hash_mismatch",
          detail: `event #${row.seq} names ${short(row.prevHash)} as the previous hash, but event #${row.seq - 1} hashes to ${short(c.prevHash)}`,
        },
      };
    }
    const recomputed = auditEventHash(row);
    // An event written before the id was hashed may match the older form; a newer one cannot, so
    // accepting it opens no way to change a newer event without breaking the next link.
    if (recomputed !== row.hash && legacyAuditEventHash(row) !== row.hash) {
      return {
        cursor: c,
        broken: {
          seq: row.seq, id: row.id, problem: "hash_mismatch",
          detail: `event #${row.seq}'s content hashes to ${short(recomputed)} but its stored hash is ${short(row.hash)}: the row was changed after it was written`,
        },
      };
    }
    const anchor = anchors.find((a) => a.seq === row.seq);
    if (anchor && anchor.hash !== row.hash) {
      return {
        cursor: c,
        broken: {
          seq: row.seq, id: row.id, problem: "anchor_mismatch",
          detail: `event #${row.seq} hashes to ${short(row.hash)}, but ${short(anchor.hash)} was recorded for it earlier: the chain was rewritten from here or before`,
        },
      };
    }
    c = { nextSeq: row.seq + 1, prevHash: row.hash, checked: c.checked + 1 };
  }
  return { cursor: c, broken: null };
}

/** After the last batch: the head row must name the last event checked, and every anchor must have been met. */
export function checkChainEnd(
  cursor: ChainCursor,
  head: { lastSeq: number; lastHash: string | null },
  anchors: ChainAnchor[] = [],
): ChainBreak | null {
  const lastSeq = cursor.nextSeq - 1;
  if (head.lastSeq !== lastSeq) {
    return {
      seq: lastSeq + 1, id: null, problem: "head_mismatch",
      detail: `the chain head records ${head.lastSeq} event(s), but the events stop at #${lastSeq}: the last ${head.lastSeq - lastSeq} are missing`,
    };
  }
  if (head.lastHash !== cursor.prevHash) {
    return {
      seq: lastSeq, id: null, problem: "head_mismatch",
      detail: `the chain head records ${short(head.lastHash)} as the last hash, but event #${lastSeq} hashes to ${short(cursor.prevHash)}`,
    };
  }
  const missed = anchors.find((a) => a.seq > lastSeq || a.seq < 1);
  if (missed) {
    return {
      seq: missed.seq, id: null, problem: "anchor_mismatch",
      detail: `an anchor was recorded for event #${missed.seq}, which does not exist (the chain has ${lastSeq})`,
    };
  }
  return null;
}

/** Parses `--anchor 42:ab12…` values; null when malformed. */
export function parseAnchor(value: string): ChainAnchor | null {
  const m = /^(\d{1,12}):([0-9a-f]{64})$/.exec(value.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}
