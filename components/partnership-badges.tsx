// How access, payment mode and status read everywhere a partnership is listed.
import { ACCESS_LABELS, effectivePaymentMode, PAYMENT_MODE_INFO, STATUS_LABELS, type AccessLevel, type PartnershipStatus, type PaymentMode } from "@/lib/domain";
import { Badge } from "./ui/badge";

export function StatusBadge({ status }: { status: PartnershipStatus }) {
  const tone = status === "active" ? "green" : status === "pending" ? "amber" : "slate";
  return <Badge tone={tone}>{STATUS_LABELS[status]}</Badge>;
}

export function AccessLabel({ access }: { access: AccessLevel }) {
  return <>{ACCESS_LABELS[access]}</>;
}

export function PaymentModeLabel({ access, paymentMode }: { access: AccessLevel; paymentMode: PaymentMode }) {
  return <>{PAYMENT_MODE_INFO[effectivePaymentMode({ access, paymentMode })].label}</>;
}
