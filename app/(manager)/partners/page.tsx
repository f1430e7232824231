import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessLabel, PaymentModeLabel, StatusBadge } from "@/components/partnership-badges";
import { buttonClass } from "@/components/ui/styles";
import { listCustomerPartnerships } from "@/db/partnerships";
import { formatDate } from "@/lib/format";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { lifecycleDenial } from "@/lib/lifecycle";
import { listedDate } from "@/lib/partnership-facts";
import { canSeePartnersPage } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("partners"))("list.title") };
}

export default async function PartnersPage() {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeePartnersPage(m)) notFound();
  const [rows, t, locale] = await Promise.all([listCustomerPartnerships({ customerOrgId: m.orgId }), getTranslations("partners"), getLocale()]);
  const canInvite = lifecycleDenial("invite", { role: m.role, side: "customer" }, null) === null;
  return (
    <section aria-labelledby="partners-title" className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 id="partners-title" className="text-2xl font-semibold">{t("list.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("list.intro", { orgName: m.orgName })}</p>
          {!canInvite && <p className="mt-1 text-sm text-slate-600" data-testid="read-only-hint">{t("list.readOnly", { orgName: m.orgName })}</p>}
        </div>
        {canInvite && <Link href="/partners/new" className={buttonClass("primary")}>{t("list.add")}</Link>}
      </header>
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("list.empty")}{canInvite ? ` ${t("list.emptyCanInvite")}` : ""}</p>
      ) : (
        <>
          {/* On a phone each partnership is a card; from `sm` up, a table. */}
          <ul aria-label={t("list.caption", { orgName: m.orgName })} className="space-y-3 sm:hidden">
            {rows.map((p) => {
              const listed = listedDate(p);
              return (
                <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Link href={`/partners/${p.id}`} className="min-w-0 break-words font-medium text-brand-700 hover:underline">{p.partnerName}</Link>
                    <StatusBadge status={p.status} />
                  </div>
                  <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                    <dt className="text-slate-500">{t("list.columns.access")}</dt><dd><AccessLabel access={p.access} /></dd>
                    <dt className="text-slate-500">{t("list.columns.paymentMode")}</dt><dd><PaymentModeLabel access={p.access} paymentMode={p.paymentMode} /></dd>
                  </dl>
                  <p className="mt-1 text-slate-600">{t(`period.${listed.kind}`, { date: formatDate(listed.date, locale) })}</p>
                </li>
              );
            })}
          </ul>
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white sm:block">
            <table className="data-table">
              <caption className="sr-only">{t("list.caption", { orgName: m.orgName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.columns.partner")}</th>
                  <th scope="col">{t("list.columns.access")}</th>
                  <th scope="col">{t("list.columns.paymentMode")}</th>
                  <th scope="col">{t("list.columns.status")}</th>
                  <th scope="col">{t("list.columns.date")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => {
                  const listed = listedDate(p);
                  return (
                    <tr key={p.id}>
                      <td className="font-medium">
                        <Link href={`/partners/${p.id}`} className="text-brand-700 hover:underline">{p.partnerName}</Link>
                      </td>
                      <td><AccessLabel access={p.access} /></td>
                      <td><PaymentModeLabel access={p.access} paymentMode={p.paymentMode} /></td>
                      <td><StatusBadge status={p.status} /></td>
                      <td>{t(`period.${listed.kind}`, { date: formatDate(listed.date, locale) })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
