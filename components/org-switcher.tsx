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
        {/* Styled by `shell-choices shell-orgs` (app/globals.css), not a class list per button. */}
        <ul className="shell-choices shell-orgs space-y-1">
          {memberships.map((m) => (
            <li key={m.orgId}>
              <button type="submit" name="orgId" value={m.orgId} aria-pressed={m.orgId === currentOrgId}>{m.orgName}</button>
            </li>
          ))}
        </ul>
      </fieldset>
    </form>
  );
}
