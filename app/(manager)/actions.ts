"use server";
// Actions of the signed-in shell: switch organization, sign out. Each takes the form it is posted
// with (defineFormAction): anything else a client sends is answered without running it.
import { redirect } from "next/navigation";
import { z } from "zod";
import { revokeAllSessions, revokeSession } from "@/db/sessions";
import { defineFormAction } from "@/lib/action";
import { signOut } from "@/lib/auth";
import { setChosenOrgId } from "@/lib/request";
import { getViewer } from "@/lib/session";

const switchSchema = z.object({ orgId: z.string().min(1).max(64) });
// The sign-out buttons' forms post no fields.
const noFields = z.object({});

/** Remembers the chosen organization, but only one the user really belongs to (read from the database). */
export const switchOrganization = defineFormAction({ schema: switchSchema, invalid: undefined }, async (input): Promise<void> => {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const target = viewer.memberships.find((m) => m.orgId === input.orgId);
  if (target) await setChosenOrgId(target.orgId);
  redirect("/");
});

/** Ends this session in the database too, so a copy of the cookie stops working on every instance. */
export const signOutAction = defineFormAction({ schema: noFields, invalid: undefined }, async (): Promise<void> => {
  const viewer = await getViewer();
  if (viewer) await revokeSession({ id: viewer.sessionId, userId: viewer.id });
  await signOut({ redirectTo: "/login" });
});

/** Ends every session of the signed-in user (other browsers and devices included), then this one's cookie. */
export const signOutEverywhere = defineFormAction({ schema: noFields, invalid: undefined }, async (): Promise<void> => {
  const viewer = await getViewer();
  if (viewer) await revokeAllSessions({ userId: viewer.id });
  await signOut({ redirectTo: "/login?notice=signed-out-everywhere" });
});
