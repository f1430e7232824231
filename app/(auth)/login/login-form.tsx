"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputClass } from "@/components/ui/styles";
import { login } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(login, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass}
          aria-invalid={state ? true : undefined} aria-describedby={state ? "login-error" : undefined} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass}
          aria-invalid={state ? true : undefined} aria-describedby={state ? "login-error" : undefined} />
      </div>
      <p id="login-error" role="alert" className="min-h-5 text-sm text-red-700">{state?.message}</p>
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
