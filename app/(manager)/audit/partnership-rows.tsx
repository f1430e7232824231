"use client";
// The partnerships list's rows, drawn from plain strings: as for the events list (events/event-rows.tsx),
// the hydration data is each row's text once instead of a tree of elements per cell, packed
// (packed-rows.ts). The timeline link's name is made here from the two names and the template.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { fillTemplate, unpackRows, type Packed } from "@/lib/packed-rows";

/** One partnership, every field already in the reader's words. */
export type PartnershipRow = [
  id: string, customer: string, partner: string, access: string, mode: string, status: string, tone: "green" | "amber" | "slate",
  since: string, lastChange: string,
];

/** `timelineOf` holds "{customer}" and "{partner}" where the two names go. */
export function PartnershipRows({ rows, timeline, timelineOf }: { rows: Packed<PartnershipRow>; timeline: string; timelineOf: string }) {
  const nameOf = (customer: string, partner: string) => fillTemplate(timelineOf, { customer, partner });
  return (
    <tbody>
      {unpackRows(rows).map(([id, customer, partner, access, mode, status, tone, since, lastChange]) => (
        <tr key={id}>
          <td>{customer}</td><td>{partner}</td><td>{access}</td><td>{mode}</td>
          <td><Badge tone={tone}>{status}</Badge></td><td>{since}</td><td>{lastChange}</td>
          <td><Link href={`/audit/partnerships/${id}`} prefetch={false} aria-label={nameOf(customer, partner)}>{timeline}</Link></td>
        </tr>
      ))}
    </tbody>
  );
}
