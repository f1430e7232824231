// Organization switcher for users in several organizations: a plain form, so it works without JavaScript.
import { switchOrganization } from "@/app/(manager)/actions";
import type { UserMembership } from "@/db/users";
import { getTranslations } from "@/lib/i18n/server";
import { buttonClass } from "./ui/styles";

export async function OrgSwitcher({ memberships, currentOrgId }: { memberships: UserMembership[]; currentOrgId: string }) {
  const t = await getTranslations("shell");
  return (
    <form action={switchOrganization} className="mt-2 flex items-end gap-2">
      <div className="min-w-0 flex-1">
        <label htmlFor="org-switcher" className="block text-xs text-slate-500">{t("organization")}</label>
        <select id="org-switcher" name="orgId" defaultValue={currentOrgId} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
          {memberships.map((m) => <option key={m.orgId} value={m.orgId}>{m.orgName}</option>)}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>{t("switchOrganization")}</button>
    </form>
  );
}
