"use client";
// The partnerships list's rows, drawn from plain strings: as for the events list (events/event-rows.tsx),
// the hydration data is each row's text once instead of a tree of elements per cell.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";

/** One partnership, every field already in the reader's words. */
export type PartnershipRow = [
  id: string, customer: string, partner: string, access: string, mode: string, status: string, tone: "green" | "amber" | "slate",
  since: string, lastChange: string, timelineName: string,
];

export function PartnershipRows({ rows, timeline }: { rows: PartnershipRow[]; timeline: string }) {
  return (
    <tbody>
      {rows.map(([id, customer, partner, access, mode, status, tone, since, lastChange, name]) => (
        <tr key={id}>
          <td>{customer}</td><td>{partner}</td><td>{access}</td><td>{mode}</td>
          <td><Badge tone={tone}>{status}</Badge></td><td>{since}</td><td>{lastChange}</td>
          <td><Link href={`/audit/partnerships/${id}`} prefetch={false} aria-label={name}>{timeline}</Link></td>
        </tr>
      ))}
    </tbody>
  );
}
