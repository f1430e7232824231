"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import { env } from "@/lib/env";
import { getTranslations } from "@/lib/i18n/server";
import { safeRedirectPath } from "@/lib/safe-redirect";

export type LoginState = { message: string } | null;

export async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? "").slice(0, 254),
      password: String(formData.get("password") ?? "").slice(0, 200),
      redirectTo: safeRedirectPath(formData.get("next"), env().APP_URL),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      return { message: (await getTranslations("auth"))("rateLimited") };
    }
    if (error instanceof CredentialsSignin && error.code === "slow_down") {
      return { message: (await getTranslations("auth"))("slowDown") };
    }
    if (error instanceof AuthError) return { message: (await getTranslations("auth"))("wrongCredentials") };
    throw error; // the redirect after a successful sign-in
  }
  return null;
}
