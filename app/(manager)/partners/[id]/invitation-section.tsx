"use client";
// A pending invitation as the customer sees it: when it was sent, until when its link works, resend or delete.
import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { deleteInvitation, resendInvitation } from "../lifecycle-actions";
import { useConfirmKey } from "@/components/use-confirm-key";

type Props = { partnershipId: string; version: number; partnerName: string; sentOn: string | null; linkState: string; canEdit: boolean };

export function InvitationSection({ partnershipId, version, partnerName, sentOn, linkState, canEdit }: Props) {
  const t = useTranslations("partners.invitation");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState("");
  const [pending, startTransition] = useTransition();
  // One key per action: resending and deleting are different changes.
  const resendKey = useConfirmKey();
  const deleteKey = useConfirmKey();
  const router = useRouter();
  const deleteButton = useRef<HTMLButtonElement>(null);
  const resendButton = useRef<HTMLButtonElement>(null);
  // A button is disabled while its step runs, which drops the focus: it goes back once the step is over.
  const focusAfter = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!pending && focusAfter.current) { focusAfter.current.focus(); focusAfter.current = null; }
  }, [pending]);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const showError = (message: string) => { setError(message); setTimeout(() => errorRef.current?.focus(), 0); };

  const resend = () => startTransition(async () => {
    setError(null);
    setSuccess("");
    const result = await resendInvitation({ partnershipId, version, idempotencyKey: resendKey.key() });
    if (result.ok) { setSuccess(result.message); resendKey.renew(); focusAfter.current = resendButton.current; } else showError(result.message);
  });
  const remove = () => startTransition(async () => {
    setError(null);
    const result = await deleteInvitation({ partnershipId, version, idempotencyKey: deleteKey.key() });
    if (result.ok) router.replace(`/partners/${partnershipId}?notice=deleted`); else showError(result.message);
  });
  const keep = () => { setConfirmDelete(false); setTimeout(() => deleteButton.current?.focus(), 0); };

  return (
    <section aria-labelledby="invitation-title" className={cardClass}>
      <h2 id="invitation-title" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-2 text-sm">
        {t("waiting", { partnerName })}{sentOn ? ` ${t("sentOn", { date: sentOn })}` : ""} {linkState}
      </p>
      <p role="status" className="mt-2 text-sm font-medium text-green-800">{success}</p>
      {canEdit && !confirmDelete && (
        <div className="mt-3 flex gap-2">
          <button ref={resendButton} type="button" className={buttonClass("secondary")} onClick={resend} disabled={pending}>
            {pending ? t("sending") : t("resend")}
          </button>
          <button ref={deleteButton} type="button" className={buttonClass("ghost")} onClick={() => setConfirmDelete(true)} disabled={pending}>
            {t("delete")}
          </button>
        </div>
      )}
      {canEdit && confirmDelete && (
        <div role="group" aria-labelledby="delete-invitation-question" className="mt-3 rounded-md border border-slate-200 p-3"
          onKeyDown={(e) => { if (e.key === "Escape" && !pending) { e.preventDefault(); keep(); } }}>
          <p id="delete-invitation-question" className="text-sm">
            {t("deleteQuestion", { partnerName })}
          </p>
          <div className="mt-2 flex gap-2">
            <button type="button" className={buttonClass("primary")} onClick={remove} disabled={pending} autoFocus>
              {pending ? t("deleting") : t("deleteConfirm")}
            </button>
            <button type="button" className={buttonClass("secondary")} disabled={pending} onClick={keep}>{t("keep")}</button>
          </div>
        </div>
      )}
      <p ref={errorRef} tabIndex={-1} role="alert" className="mt-2 text-sm text-red-700">{error}</p>
    </section>
  );
}
