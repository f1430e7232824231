// How an invoice's status reads everywhere it is listed.
import type { InvoiceStatus } from "@/lib/domain";
import { Badge } from "./ui/badge";

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return <Badge tone={status === "paid" ? "green" : "amber"}>{status === "paid" ? "Paid" : "Unpaid"}</Badge>;
}
