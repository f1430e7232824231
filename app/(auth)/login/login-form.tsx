"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputClass } from "@/components/ui/styles";
import { login } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const [state, action] = useActionState(login, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass}
          aria-invalid={state ? true : undefined} aria-describedby={state ? "login-error" : undefined} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass}
          aria-invalid={state ? true : undefined} aria-describedby={state ? "login-error" : undefined} />
      </div>
      <p id="login-error" role="alert" className="min-h-5 text-sm text-red-700">{state?.message}</p>
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
