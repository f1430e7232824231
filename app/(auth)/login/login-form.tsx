"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputClass } from "@/components/ui/styles";
import { login } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(login, null);
  const error = useRef<HTMLParagraphElement>(null);
  // A failed sign-in moves focus to its message (a new state object per attempt), so it is read and
  // the next Tab goes back to the fields.
  useEffect(() => {
    if (state) error.current?.focus();
  }, [state]);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium">{t("email")}</label>
        {/* After a refusal, the email as typed: React resets the form's fields once its action ends. */}
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} defaultValue={state?.email}
          aria-invalid={state ? true : undefined} aria-describedby={state ? "login-error" : undefined} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass}
          aria-invalid={state ? true : undefined} aria-describedby={state ? "login-error" : undefined} />
      </div>
      <p ref={error} id="login-error" role="alert" tabIndex={-1} className="min-h-5 text-sm text-red-700">{state?.message}</p>
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
