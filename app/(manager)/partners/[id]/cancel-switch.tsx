"use client";
// The customer's legal representatives cancel a pending scheduled switch (issue #14), with the page's
// version (a stale page is refused); the page then re-renders without it and says so in its notice (the
// switch's section, and any status inside it, is gone from the page by then).
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/styles";
import { useConfirmKey } from "@/components/use-confirm-key";
import { cancelScheduledSwitch } from "../schedule-actions";

export function CancelSwitch({ partnershipId, version }: { partnershipId: string; version: number }) {
  const t = useTranslations("schedule.pending");
  const router = useRouter();
  const key = useConfirmKey();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const cancel = () => startTransition(async () => {
    const r = await cancelScheduledSwitch({ partnershipId, version, idempotencyKey: key.key() });
    setResult({ ok: r.ok, message: r.message });
    if (r.ok) router.replace(`/partners/${partnershipId}?notice=switch-cancelled`);
    else setTimeout(() => errorRef.current?.focus(), 0);
  });
  return (
    <div className="space-y-2">
      <button type="button" className={buttonClass("secondary")} onClick={cancel} disabled={pending}>{pending ? t("cancelling") : t("cancel")}</button>
      <p role="status" className="text-sm font-medium text-green-800">{result?.ok ? result.message : ""}</p>
      <p ref={errorRef} tabIndex={-1} role="alert" className="text-sm text-red-700">{result && !result.ok ? result.message : ""}</p>
    </div>
  );
}
