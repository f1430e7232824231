"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import { getTranslations } from "@/lib/i18n/server";

export type LoginState = { message: string } | null;

/** Only same-site paths may follow sign-in, never another host. */
function safeNext(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? "").slice(0, 254),
      password: String(formData.get("password") ?? "").slice(0, 200),
      redirectTo: safeNext(formData.get("next")),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      return { message: (await getTranslations("auth"))("rateLimited") };
    }
    if (error instanceof AuthError) return { message: (await getTranslations("auth"))("wrongCredentials") };
    throw error; // the redirect after a successful sign-in
  }
  return null;
}
