// The signed-in viewer, re-read from the database on every request (roles are never trusted from the cookie).
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getUserWithMemberships, type SessionUser, type UserMembership } from "@/db/users";
import { getChosenOrgId, getSessionRef } from "./request";

export type Viewer = SessionUser & { current: UserMembership | null };

/** The chosen organization if the user still belongs to it, otherwise their first one. */
export function pickCurrentMembership(user: SessionUser, chosenOrgId: string | null): UserMembership | null {
  return user.memberships.find((m) => m.orgId === chosenOrgId) ?? user.memberships[0] ?? null;
}

export const getViewer = cache(async (): Promise<Viewer | null> => {
  const ref = await getSessionRef();
  if (!ref) return null;
  // A revoked or expired session reads as null here: exactly as if there were no cookie.
  const user = await getUserWithMemberships(ref);
  if (!user) return null;
  return { ...user, current: pickCurrentMembership(user, await getChosenOrgId()) };
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}
