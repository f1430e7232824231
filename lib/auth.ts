// Auth.js (next-auth v5): email + password sign-in, JWT cookies carrying the user id and a session id
// that must still be live in the database (db/sessions.ts) for the cookie to count.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { createSession, revokeSession } from "@/db/sessions";
import { findUserCredentials } from "@/db/users";
import { clientAddress } from "./client-address";
import { env } from "./env";
import { DUMMY_HASH, verifyPassword } from "./password";
import { signInReservation } from "./password-throttle";
import { safeRedirectPath } from "./safe-redirect";
import { guardedPasswordCheck } from "./server/password-guard";

declare module "next-auth" {
  interface Session { sessionId?: string }
}
declare module "@auth/core/jwt" {
  interface JWT { sid?: string }
}

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/** Sign-in refused because of too many failures from this address; the login form says so (the code is not secret). */
export class LoginThrottled extends CredentialsSignin {
  code = "rate_limited";
}

/** Sign-in refused because this email had many failures from anywhere: wait a little (lib/password-throttle.ts). */
export class LoginSlowDown extends CredentialsSignin {
  code = "slow_down";
}

const credentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env().AUTH_SECRET,
  trustHost: true,
  // Secure cookies (and their __Secure-/__Host- names) whenever the app is served over https,
  // whatever a proxy in front says about the protocol.
  useSecureCookies: env().APP_URL.startsWith("https:"),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
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
        const { email, password } = parsed.data;
        const ip = clientAddress(request?.headers, env().TRUSTED_PROXY_HOPS);
        // The attempt is reserved before the password is compared: parallel guesses cannot exceed the limits.
        const result = await guardedPasswordCheck(signInReservation(email, ip, new Date()), async () => {
          const user = await findUserCredentials({ email });
          // Verify against a dummy hash for unknown emails so timing does not reveal who has an account.
          const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
          return ok && user ? { id: user.id, name: user.name, email: user.email } : null;
        });
        if (result.outcome === "throttled") throw result.reason.kind === "pair" ? new LoginThrottled() : new LoginSlowDown();
        if (result.outcome === "wrong") throw new CredentialsSignin();
        return result.value;
      },
    }),
  ],
  events: {
    // Auth.js's own sign-out (POST /api/auth/signout) only clears the cookie: end its session row too, as
    // the app's sign-out does, so that a copy of the cookie stops working.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sid && token.sub) await revokeSession({ id: token.sid, userId: token.sub });
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      // Only at sign-in is `user` set: that is when the session row is created.
      if (user?.id) token.sid = await createSession({ userId: user.id, ttlMs: SESSION_MAX_AGE_S * 1000 });
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (token.sid) session.sessionId = token.sid;
      return session;
    },
    // Every redirect Auth.js makes (after sign-in or sign-out) stays on this host and on one of our pages.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeRedirectPath(url, baseUrl)}`;
    },
  },
});
