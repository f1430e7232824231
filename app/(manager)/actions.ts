"use server";
// Actions of the signed-in shell: switch organization, sign out.
import { redirect } from "next/navigation";
import { z } from "zod";
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

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
