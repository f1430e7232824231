import { LogOut } from "lucide-react";
import { NavLink } from "@/components/nav-link";
import { OrgSwitcher } from "@/components/org-switcher";
import { ProfileMenu } from "@/components/profile-menu";
import { buttonClass } from "@/components/ui/styles";
import { getTranslations } from "@/lib/i18n/server";
import { navigationFor } from "@/lib/navigation";
import { requireViewer } from "@/lib/session";
import { signOutAction, signOutEverywhere } from "./actions";

export default async function ManagerLayout({ children }: LayoutProps<"/">) {
  const viewer = await requireViewer();
  const entries = navigationFor(viewer);
  const [t, tDomain, tCommon] = await Promise.all([getTranslations("shell"), getTranslations("domain"), getTranslations("common")]);
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-64 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="border-b border-slate-200 p-4">
          <p className="text-sm font-semibold text-brand-900">{tCommon("appName")}</p>
          {viewer.memberships.length > 1 && viewer.current ? (
            <OrgSwitcher memberships={viewer.memberships} currentOrgId={viewer.current.orgId} />
          ) : (
            <p className="mt-2 text-sm text-slate-700">{viewer.current?.orgName ?? (viewer.isAuditor ? t("platformAudit") : t("noOrganization"))}</p>
          )}
          {viewer.current && <p className="mt-1 text-xs text-slate-500">{tDomain(`role.${viewer.current.role}`)}</p>}
        </div>
        <nav aria-label={t("mainNavigation")} className="flex-1 p-2">
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
              <LogOut aria-hidden className="size-4" /> {t("signOut")}
            </button>
          </form>
          <form action={signOutEverywhere} className="mt-2">
            <button type="submit" className="text-xs text-slate-600 underline hover:text-slate-900">{t("signOutEverywhere")}</button>
          </form>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-8">{children}</main>
    </div>
  );
}
