// Auth.js (next-auth v5): email + password sign-in, JWT sessions carrying only the user id.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { findUserCredentials } from "@/db/users";
import { env } from "./env";
import { isLoginThrottled, loginKey, noteLoginFailure } from "./login-throttle";
import { DUMMY_HASH, verifyPassword } from "./password";

/** Sign-in refused because of too many failures; the login form says so (the code is not secret). */
export class LoginThrottled extends CredentialsSignin {
  code = "rate_limited";
}

const credentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  // A wrong password is an expected outcome, answered on the form: not an error for the server log.
  logger: {
    error(error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const key = loginKey(parsed.data.email, request?.headers);
        if (await isLoginThrottled(key)) throw new LoginThrottled();
        const user = await findUserCredentials({ email: parsed.data.email });
        // Verify against a dummy hash for unknown emails so timing does not reveal who has an account.
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok) {
          await noteLoginFailure(key);
          throw new CredentialsSignin();
        }
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
