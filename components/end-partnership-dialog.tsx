"use client";
// "End partnership": a modal dialog that states the consequences and asks for the user's password.
// Rendered through components/end-partnership.tsx, which gives it its messages.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import type { ActionResult } from "@/lib/action";
import { useConfirmKey } from "@/components/use-confirm-key";

type Props = {
  partnershipId: string;
  version: number;
  title: string;
  consequences: string[];
  action: (input: unknown) => Promise<ActionResult>;
  /** Where to go once ended; that page announces the result. */
  afterHref: string;
};

export function EndPartnershipDialog({ partnershipId, version, title, consequences, action, afterHref }: Props) {
  const t = useTranslations("partners.end");
  const dialog = useRef<HTMLDialogElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const router = useRouter();

  const open = () => {
    setError(null);
    setFieldError(null);
    if (password.current) password.current.value = "";
    confirmKey.renew();
    dialog.current?.showModal();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const value = password.current?.value ?? "";
    if (!value) {
      setFieldError(t("passwordRequired"));
      password.current?.focus();
      return;
    }
    startTransition(async () => {
      const result = await action({ partnershipId, version, password: value, idempotencyKey: confirmKey.key() });
      if (password.current) password.current.value = "";
      if (result.ok) {
        dialog.current?.close();
        router.replace(afterHref);
        return;
      }
      setFieldError(result.fieldErrors?.password?.[0] ?? null);
      setError(result.fieldErrors?.password ? null : result.message);
      password.current?.focus();
    });
  };

  return (
    <section aria-labelledby="end-title" className={cardClass}>
      <h2 id="end-title" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-2 text-sm text-slate-600">{consequences[0]}</p>
      <button type="button" className={`${buttonClass("secondary")} mt-3 text-red-700`} onClick={open}>{t("button")}</button>

      <dialog ref={dialog} aria-labelledby="end-dialog-title" aria-describedby="end-dialog-consequences"
        className="m-auto max-w-lg rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={submit} noValidate className="space-y-4">
          <h2 id="end-dialog-title" className="text-lg font-semibold">{title}</h2>
          <ul id="end-dialog-consequences" className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {consequences.map((c) => <li key={c}>{c}</li>)}
          </ul>
          <div>
            <label htmlFor="end-password" className="mb-1 block text-sm font-medium">{t("password")}</label>
            <input ref={password} id="end-password" name="password" type="password" autoComplete="current-password" autoFocus
              className={inputClass} aria-invalid={fieldError ? true : undefined} aria-describedby="end-password-error" />
            <p id="end-password-error" role="alert" className="mt-1 text-sm text-red-700">{fieldError}</p>
          </div>
          <p role="alert" className="text-sm text-red-700">{error}</p>
          <div className="flex gap-2">
            <button type="submit" className={`${buttonClass("primary")} bg-red-700 hover:bg-red-800`} disabled={pending}>
              {pending ? t("ending") : t("button")}
            </button>
            <button type="button" className={buttonClass("secondary")} onClick={() => dialog.current?.close()} disabled={pending}>{t("cancel")}</button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
