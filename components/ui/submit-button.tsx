"use client";
// The one submit button: disabled with a pending label while its form's action runs.
import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import { buttonClass } from "./styles";

export function SubmitButton({ children, pendingLabel, variant = "primary", pending: pendingProp }: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: "primary" | "secondary";
  pending?: boolean;
}) {
  const t = useTranslations("common");
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  return (
    <button type="submit" className={buttonClass(variant)} disabled={pending} aria-disabled={pending}>
      {pending ? (pendingLabel ?? t("saving")) : children}
    </button>
  );
}
