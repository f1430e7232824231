// How an invoice's state reads everywhere it is listed: paid, unpaid, or unpaid past its due date.
import { isOverdue } from "@/lib/billing/terms";
import type { InvoiceStatus } from "@/lib/domain";
import { Badge } from "./ui/badge";

export type InvoiceState = "paid" | "unpaid" | "overdue";

export function invoiceState(inv: { status: InvoiceStatus; dueDate: string | null }, today: string): InvoiceState {
  if (inv.status === "paid") return "paid";
  return isOverdue(inv, today) ? "overdue" : "unpaid";
}

/** `label` is the state in the reader's language (`invoices.status.<state>`). */
export function InvoiceStatusBadge({ state, label }: { state: InvoiceState; label: string }) {
  return <Badge tone={state === "paid" ? "green" : state === "overdue" ? "amber" : "slate"}>{label}</Badge>;
}
