"use server";
// Actions of the signed-in shell: switch organization, sign out.
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineFormAction } from "@/lib/action";
import { signOut } from "@/lib/auth";
import { setChosenOrgId } from "@/lib/request";
import { getViewer } from "@/lib/session";

const switchSchema = z.object({ orgId: z.string().min(1).max(64) });

/** Remembers the chosen organization, but only one the user really belongs to (read from the database). */
export const switchOrganization = defineFormAction({ schema: switchSchema, invalid: undefined }, async (input): Promise<void> => {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const target = viewer.memberships.find((m) => m.orgId === input.orgId);
  if (target) await setChosenOrgId(target.orgId);
  redirect("/");
});

/** The sign-out button's form posts no fields. */
export const signOutAction = defineFormAction({ schema: z.object({}), invalid: undefined }, async (): Promise<void> => {
  await signOut({ redirectTo: "/login" });
});
