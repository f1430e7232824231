// Organization switcher for users in several organizations: one button per organization, its whole
// name on as many lines as it needs (a narrow <select> cut long names), the current one pressed. A
// plain form, so it works without JavaScript.
import { switchOrganization } from "@/app/(manager)/actions";
import type { UserMembership } from "@/db/users";
import { getTranslations } from "@/lib/i18n/server";

export async function OrgSwitcher({ memberships, currentOrgId }: { memberships: UserMembership[]; currentOrgId: string }) {
  const t = await getTranslations("shell");
  return (
    <form action={switchOrganization} className="mt-2">
      <fieldset>
        <legend className="mb-1 text-xs text-slate-600">{t("organization")}</legend>
        <ul className="space-y-1">
          {memberships.map((m) => (
            <li key={m.orgId}>
              <button type="submit" name="orgId" value={m.orgId} aria-pressed={m.orgId === currentOrgId}
                className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-left text-sm break-words text-slate-700 hover:bg-slate-100 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:font-semibold aria-pressed:text-brand-700">
                {m.orgName}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
    </form>
  );
}
