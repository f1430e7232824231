"use client";
// The events list's rows, drawn from plain strings. Every row travels twice in the HTML: as markup and
// in the RSC payload that hydrates it. Sent as a server component tree, the payload repeats each
// element's type, props and class names per cell (about twice the markup); sent as this component's
// props, it is the row's text once, and packed (packed-rows.ts): each distinct string once, the rows as
// indexes. See docs/benchmarks.md ("/audit/events").
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CopyId } from "../copy-id";
import { unpackRows, type Packed } from "../packed-rows";

/** One event, every field already in the reader's words ("" when absent). */
export type EventRow = [
  when: string, number: string, kind: string, refused: string, repeats: string, reason: string,
  actor: string, actorOrg: string, partnershipId: string, pair: string, change: string, ip: string, browser: string, userAgent: string,
];

/** `copy` holds "#" where the shortened identifier goes. */
export function EventRows({ rows, words }: { rows: Packed<EventRow>; words: { refused: string; copy: string; done: string } }) {
  return (
    <tbody>
      {unpackRows(rows).map(([when, number, kind, refused, repeats, reason, actor, actorOrg, pid, pair, change, ip, browser, ua]) => (
        // The event's number ("No. 68") is unique: it is the key.
        <tr key={number}>
          <td>{when}<small>{number}</small></td>
          <td>
            {kind}
            {refused && <> <Badge tone="amber">{words.refused}</Badge></>}
            {repeats && <> <b>{repeats}</b></>}
            {reason && <small>{reason}</small>}
          </td>
          <td>{actor}<small>{actorOrg}</small></td>
          <td>
            {pair ? <Link href={`/audit/partnerships/${pid}`} prefetch={false}>{pair}</Link>
              : pid ? <CopyId id={pid} label={words.copy.replace("#", `${pid.slice(0, 8)}…`)} done={words.done} /> : "—"}
          </td>
          <td>{change}</td>
          <td>{ip}{ua ? <details><summary>{browser}</summary>{ua}</details> : <small>{browser}</small>}</td>
        </tr>
      ))}
    </tbody>
  );
}
