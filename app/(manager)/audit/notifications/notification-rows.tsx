"use client";
// The notifications list's rows, drawn from plain strings, packed (packed-rows.ts), as the events list
// does (events/event-rows.tsx): sent as a server component tree, each of 50 rows repeated its cells'
// elements and class names in the RSC payload (some 60 KB of a 109 KB page with the reminders of a
// large account); as this component's props it is each row's text, each distinct string once.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { fillTemplate, unpackRows, type Packed } from "@/lib/packed-rows";
import { RetryButton } from "./retry-button";

/** One notification, every field already in the reader's words ("" when absent). */
export type NotificationRow = [
  id: string, queued: string, recipient: string, subject: string, template: string, partnershipId: string, pair: string,
  failed: string, tone: "green" | "amber" | "slate", state: string, delivery: string, error: string,
];

/** `retryLabel` holds "{recipient}" where the recipient goes. */
export function NotificationRows({ rows, words }: { rows: Packed<NotificationRow>; words: { retryLabel: string; retry: string; pending: string } }) {
  return (
    <tbody>
      {unpackRows(rows).map(([id, queued, recipient, subject, template, pid, pair, failed, tone, state, delivery, error]) => (
        <tr key={id}>
          <td>{queued}</td>
          <td>{recipient}</td>
          <td>{subject}<small>{template}</small></td>
          <td>{pair ? <Link href={`/audit/partnerships/${pid}`} prefetch={false}>{pair}</Link> : "—"}</td>
          <td>
            <Badge tone={tone}>{state}</Badge>
            <small>{delivery}</small>
            {error && <small className="max-w-xs break-words text-red-700">{error}</small>}
          </td>
          <td>
            <RetryButton notificationId={id} failed={failed === "1"}
              words={{ label: fillTemplate(words.retryLabel, { recipient }), button: words.retry, pending: words.pending }} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}
