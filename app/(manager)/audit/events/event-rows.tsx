"use client";
// The events list's rows, drawn from plain strings. Every row travels twice in the HTML: as markup and
// in the RSC payload that hydrates it. Sent as a server component tree, the payload repeats each
// element's type, props and class names per cell (about twice the markup); sent as this component's
// props, it is the row's text once, and packed (packed-rows.ts): each distinct string once, the rows as
// indexes. See docs/benchmarks.md ("/audit/events").
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CopyId } from "../copy-id";
import { fillTemplate, unpackRows, type Packed } from "@/lib/packed-rows";

/**
 * One event, every field already in the reader's words ("" when absent). The partnership's two names
 * rather than their pair's text, and the event's number rather than "No. 68": the names repeat from
 * row to row (each is sent once), the templates once for all rows.
 */
export type EventRow = [
  when: string, seq: string, kind: string, refused: string, repeats: string, reason: string,
  actor: string, actorOrg: string, partnershipId: string, customer: string, partner: string, change: string, ip: string, browser: string, userAgent: string,
];

/** `copy` holds "#" where the shortened identifier goes; `seq` "{seq}", `pair` "{customer}" and "{partner}". */
export function EventRows({ rows, words }: { rows: Packed<EventRow>; words: { refused: string; copy: string; done: string; seq: string; pair: string } }) {
  return (
    <tbody>
      {unpackRows(rows).map(([when, seq, kind, refused, repeats, reason, actor, actorOrg, pid, customer, partner, change, ip, browser, ua]) => {
        const pair = customer && partner ? fillTemplate(words.pair, { customer, partner }) : "";
        return (
          // The event's number is unique: it is the key.
          <tr key={seq}>
            <td>{when}<small>{fillTemplate(words.seq, { seq })}</small></td>
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
        );
      })}
    </tbody>
  );
}
