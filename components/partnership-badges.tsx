// How access, payment mode and status read everywhere a partnership is listed (server components).
import { getTranslations } from "@/lib/i18n/server";
import { effectivePaymentMode, type AccessLevel, type PartnershipStatus, type PaymentMode } from "@/lib/domain";
import { Badge } from "./ui/badge";

export async function StatusBadge({ status }: { status: PartnershipStatus }) {
  const t = await getTranslations("domain");
  const tone = status === "active" ? "green" : status === "pending" ? "amber" : "slate";
  return <Badge tone={tone}>{t(`status.${status}`)}</Badge>;
}

export async function AccessLabel({ access }: { access: AccessLevel }) {
  const t = await getTranslations("domain");
  return <>{t(`access.${access}`)}</>;
}

export async function PaymentModeLabel({ access, paymentMode }: { access: AccessLevel; paymentMode: PaymentMode }) {
  const t = await getTranslations("domain");
  return <>{t(`paymentMode.${effectivePaymentMode({ access, paymentMode })}`)}</>;
}
