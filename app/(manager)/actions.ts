"use server";
// Actions of the signed-in shell: switch organization, sign out.
import { redirect } from "next/navigation";
import { z } from "zod";
import { revokeAllSessions, revokeSession } from "@/db/sessions";
import { signOut } from "@/lib/auth";
import { setChosenOrgId } from "@/lib/request";
import { getViewer } from "@/lib/session";

const switchSchema = z.object({ orgId: z.string().min(1).max(64) });

/** Remembers the chosen organization, but only one the user really belongs to (read from the database). */
export async function switchOrganization(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const parsed = switchSchema.safeParse({ orgId: formData.get("orgId") });
  const target = parsed.success ? viewer.memberships.find((m) => m.orgId === parsed.data.orgId) : undefined;
  if (target) await setChosenOrgId(target.orgId);
  redirect("/");
}

/** Ends this session in the database too, so a copy of the cookie stops working on every instance. */
export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) await revokeSession({ id: viewer.sessionId, userId: viewer.id });
  await signOut({ redirectTo: "/login" });
}

/** Ends every session of the signed-in user (other browsers and devices included), then this one's cookie. */
export async function signOutEverywhere(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) await revokeAllSessions({ userId: viewer.id });
  await signOut({ redirectTo: "/login?notice=signed-out-everywhere" });
}
