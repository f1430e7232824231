"use client";
// Accept or refuse an invitation (from the Clients page, or from the emailed link with its token).
// Rendered through components/invitation-answer.tsx, which gives it its messages.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { acceptInvitation, refuseInvitation } from "@/app/(manager)/clients/actions";
import { buttonClass } from "@/components/ui/styles";
import { useConfirmKey } from "@/components/use-confirm-key";

export function InvitationAnswerButtons({ partnershipId, version, customerName, token }: {
  partnershipId: string;
  version: number;
  customerName: string;
  token?: string;
}) {
  const t = useTranslations("invitations.answer");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // One key per answer: accepting and refusing are different changes.
  const acceptKey = useConfirmKey();
  const refuseKey = useConfirmKey();
  const router = useRouter();
  const refuseButton = useRef<HTMLButtonElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const cancelRefuse = () => { setConfirming(false); setTimeout(() => refuseButton.current?.focus(), 0); };

  const run = (answer: "accept" | "refuse") => {
    setError(null);
    startTransition(async () => {
      const action = answer === "accept" ? acceptInvitation : refuseInvitation;
      const result = await action({ partnershipId, version, ...(token ? { token } : {}), idempotencyKey: (answer === "accept" ? acceptKey : refuseKey).key() });
      if (!result.ok) {
        setError(result.message);
        setTimeout(() => errorRef.current?.focus(), 0);
        return;
      }
      router.push(answer === "accept" ? `/clients/${partnershipId}?notice=accepted` : "/clients?notice=refused");
    });
  };

  return (
    <div className="space-y-2">
      {!confirming ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass("primary")} onClick={() => run("accept")} disabled={pending}
            aria-label={t("acceptName", { customerName })}>
            {pending ? t("saving") : t("accept")}
          </button>
          <button ref={refuseButton} type="button" className={buttonClass("secondary")} disabled={pending}
            aria-label={t("refuseName", { customerName })} onClick={() => setConfirming(true)}>
            {t("refuse")}
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`refuse-${partnershipId}`} className="rounded-md border border-slate-200 p-3"
          onKeyDown={(e) => { if (e.key === "Escape" && !pending) { e.preventDefault(); cancelRefuse(); } }}>
          <p id={`refuse-${partnershipId}`} className="text-sm">
            {t("refuseQuestion", { customerName })}
          </p>
          <div className="mt-2 flex gap-2">
            <button type="button" className={buttonClass("primary")} onClick={() => run("refuse")} disabled={pending} autoFocus>
              {pending ? t("saving") : t("refuseConfirm")}
            </button>
            <button type="button" className={buttonClass("secondary")} disabled={pending} onClick={cancelRefuse}>{t("cancel")}</button>
          </div>
        </div>
      )}
      <p ref={errorRef} tabIndex={-1} role="alert" className="text-sm text-red-700">{error}</p>
    </div>
  );
}
