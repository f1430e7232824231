"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { defineFormAction } from "@/lib/action";
import { signIn } from "@/lib/auth";

export type LoginState = { message: string } | null;

/** Only same-site paths may follow sign-in, never another host. */
function safeNext(value: string | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

// The fields of the sign-in form; anything else a client posts is refused before signIn runs.
const loginSchema = z.object({
  email: z.string().max(1000).optional(),
  password: z.string().max(1000).optional(),
  next: z.string().max(2000).optional(),
});

export const login = defineFormAction(
  { schema: loginSchema, invalid: { message: "Wrong email or password." } as LoginState },
  async (input): Promise<LoginState> => {
    try {
      await signIn("credentials", {
        email: (input.email ?? "").slice(0, 254),
        password: (input.password ?? "").slice(0, 200),
        redirectTo: safeNext(input.next),
      });
    } catch (error) {
      if (error instanceof CredentialsSignin && error.code === "rate_limited") {
        return { message: "Too many failed sign-ins. Wait 15 minutes, then try again." };
      }
      if (error instanceof AuthError) return { message: "Wrong email or password." };
      throw error; // the redirect after a successful sign-in
    }
    return null;
  },
);
