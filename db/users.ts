// Users and their memberships.
import "server-only";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Role } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/locales";
import { getDatabase, type Executor } from "./client";

/** For sign-in only: the one read that returns the password hash. */
export async function findUserCredentials({ email }: { email: string }) {
  const { db, schema } = getDatabase();
  const [row] = await db
    .select({ id: schema.users.id, name: schema.users.name, email: schema.users.email, passwordHash: schema.users.passwordHash })
    .from(schema.users)
    .where(eq(schema.users.email, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

export type UserMembership = { orgId: string; orgName: string; role: Role; orgIsPartner: boolean };
export type SessionUser = {
  id: string;
  /** The live session this request belongs to (db/sessions.ts). */
  sessionId: string;
  name: string;
  email: string;
  isAuditor: boolean;
  /** The stored language, and whether it was set (first request or profile menu) rather than defaulted. */
  locale: string;
  localeChosen: boolean;
  memberships: UserMembership[];
};

/**
 * The user and every membership, read fresh from the database on every request, provided the
 * session the cookie names is still live (not revoked, not expired, this user's): one query, so a
 * revoked session is refused by the same read that loads the roles. Null for a dead session.
 */
export async function getUserWithMemberships(
  { userId, sessionId, now = new Date() }: { userId: string; sessionId: string; now?: Date },
): Promise<SessionUser | null> {
  const { db, schema } = getDatabase();
  const { users, memberships, organizations, sessions } = schema;
  const rows = await db
    .select({
      id: users.id, name: users.name, email: users.email, isAuditor: users.isAuditor,
      locale: users.locale, localeChosen: users.localeChosen,
      orgId: memberships.orgId, role: memberships.role, orgName: organizations.name, orgIsPartner: organizations.isPartner,
    })
    .from(users)
    .innerJoin(sessions, and(eq(sessions.id, sessionId), eq(sessions.userId, users.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(users.id, userId))
    .orderBy(asc(organizations.name));
  const [first] = rows;
  if (!first) return null;
  return {
    id: first.id,
    sessionId,
    name: first.name,
    email: first.email,
    isAuditor: first.isAuditor,
    locale: first.locale,
    localeChosen: first.localeChosen,
    memberships: rows.flatMap((r) =>
      r.orgId && r.role && r.orgName != null
        ? [{ orgId: r.orgId, orgName: r.orgName, role: r.role, orgIsPartner: Boolean(r.orgIsPartner) }]
        : [],
    ),
  };
}

/** Who gets an organization's notifications, with the role they get them for (the email's footer says it). */
export type Recipient = { userId: string; email: string; name: string; locale: string; role: Role };

/** Members of an organization holding a role: who gets an organization's notifications. */
export async function listOrgMembersWithRole(ex: Executor, { orgId, role }: { orgId: string; role: Role }): Promise<Recipient[]> {
  const { schema } = getDatabase();
  const { users, memberships } = schema;
  return ex
    .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, role)))
    .orderBy(asc(users.email));
}

/**
 * The first signed-in request records the language the browser asked for, once: only while the user
 * has not chosen one. Returns the stored locale afterwards (a concurrent choice wins).
 */
export async function recordFirstLocale({ userId, locale }: { userId: string; locale: Locale }): Promise<string> {
  const { transaction, db, schema } = getDatabase();
  const { users } = schema;
  await transaction((tx) => tx
    .update(users)
    .set({ locale, localeChosen: true })
    .where(and(eq(users.id, userId), eq(users.localeChosen, false))));
  const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.locale ?? locale;
}

/** The language the user picked in the profile menu. */
export async function setUserLocale({ userId, locale }: { userId: string; locale: Locale }): Promise<void> {
  const { transaction, schema } = getDatabase();
  await transaction((tx) => tx
    .update(schema.users)
    .set({ locale, localeChosen: true })
    .where(eq(schema.users.id, userId)));
}
