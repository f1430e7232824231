"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { defineFormAction } from "@/lib/action";
import { signIn } from "@/lib/auth";
import { env } from "@/lib/env";
import { getTranslations } from "@/lib/i18n/server";
import { safeRedirectPath } from "@/lib/safe-redirect";

/** A refusal, with the email as typed: the form shows it again (React resets a form after its action). */
export type LoginState = { message: string; email?: string } | null;

// The fields of the sign-in form; anything else a client posts is refused before signIn runs.
const loginSchema = z.object({
  email: z.string().max(1000).optional(),
  password: z.string().max(1000).optional(),
  next: z.string().max(2000).optional(),
});

const wrongCredentials = async (): Promise<LoginState> => ({ message: (await getTranslations("auth"))("wrongCredentials") });

export const login = defineFormAction({ schema: loginSchema, invalid: wrongCredentials }, async (input): Promise<LoginState> => {
  const refused = (message: string): LoginState => ({ message, email: (input.email ?? "").slice(0, 254) });
  try {
    await signIn("credentials", {
      email: (input.email ?? "").slice(0, 254),
      password: (input.password ?? "").slice(0, 200),
      redirectTo: safeRedirectPath(input.next ?? null, env().APP_URL),
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error; // the redirect after a successful sign-in
    const t = await getTranslations("auth");
    if (error instanceof CredentialsSignin && error.code === "rate_limited") return refused(t("rateLimited"));
    if (error instanceof CredentialsSignin && error.code === "slow_down") return refused(t("slowDown"));
    return refused(t("wrongCredentials"));
  }
  return null;
});
