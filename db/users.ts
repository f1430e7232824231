// Users and their memberships.
import "server-only";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Role } from "@/lib/domain";
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
    memberships: rows.flatMap((r) =>
      r.orgId && r.role && r.orgName != null
        ? [{ orgId: r.orgId, orgName: r.orgName, role: r.role, orgIsPartner: Boolean(r.orgIsPartner) }]
        : [],
    ),
  };
}

export type Recipient = { userId: string; email: string; name: string; locale: string };

/** Members of an organization holding a role: who gets an organization's notifications. */
export async function listOrgMembersWithRole(ex: Executor, { orgId, role }: { orgId: string; role: Role }): Promise<Recipient[]> {
  const { schema } = getDatabase();
  const { users, memberships } = schema;
  return ex
    .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, role)))
    .orderBy(asc(users.email));
}
