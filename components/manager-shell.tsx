// The signed-in shell: the sidebar (a menu button below md), the one `main` landmark, and the focus
// move to the page's h1 after a client navigation. Used by the manager layout and by the root 404, so
// a signed-in visitor of an unknown address keeps the sidebar.
import { Icon } from "@/components/ui/icon";
import { signOutAction, signOutEverywhere } from "@/app/(manager)/actions";
import { getTranslations } from "@/lib/i18n/server";
import { navigationFor } from "@/lib/navigation";
import type { Viewer } from "@/lib/session";
import { FocusHeading } from "./focus-heading";
import { NavLink } from "./nav-link";
import { OrgSwitcher } from "./org-switcher";
import { ProfileMenu } from "./profile-menu";
import { ShellMenu } from "./shell-menu";
import { TableLabels } from "./table-labels";
import { buttonClass } from "./ui/styles";

export async function ManagerShell({ viewer, children }: { viewer: Viewer; children: React.ReactNode }) {
  const entries = navigationFor(viewer);
  const [t, tDomain, tCommon] = await Promise.all([getTranslations("shell"), getTranslations("domain"), getTranslations("common")]);
  return (
    <div className="min-h-screen md:flex">
      <ShellMenu appName={tCommon("appName")} menuLabel={t("menu")} label={t("sidebar")}>
        <div className="border-b border-slate-200 p-4">
          <p className="hidden text-sm font-semibold text-brand-900 md:block">{tCommon("appName")}</p>
          {viewer.memberships.length > 1 && viewer.current ? (
            <OrgSwitcher memberships={viewer.memberships} currentOrgId={viewer.current.orgId} />
          ) : (
            <p className="mt-2 text-sm break-words text-slate-700">{viewer.current?.orgName ?? (viewer.isAuditor ? t("platformAudit") : t("noOrganization"))}</p>
          )}
          {viewer.current && <p className="mt-1 text-xs text-slate-600">{tDomain(`role.${viewer.current.role}`)}</p>}
        </div>
        <nav aria-label={t("mainNavigation")} className="shell-nav flex-1 p-2">
          <ul className="space-y-1">
            {entries.map((e) => (
              <li key={e.href}>
                <NavLink href={e.href}>{t(`nav.${e.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="border-t border-slate-200 p-4 text-sm">
          <ProfileMenu name={viewer.name} email={viewer.email} />
          <form action={signOutAction} className="mt-3">
            <button type="submit" className={buttonClass("secondary")}>
              <Icon name="log-out" /> {t("signOut")}
            </button>
          </form>
          <form action={signOutEverywhere} className="mt-2">
            <button type="submit" className="text-xs text-slate-600 underline hover:text-slate-900">{t("signOutEverywhere")}</button>
          </form>
        </div>
      </ShellMenu>
      <main id="main" className="min-w-0 flex-1 p-4 sm:p-6 md:p-8">{children}</main>
      <FocusHeading />
      <TableLabels />
    </div>
  );
}
