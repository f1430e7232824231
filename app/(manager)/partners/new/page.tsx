import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { getPartnerOrganization, searchPartnerOrganizations } from "@/db/invitation-reads";
import { listOrgProducts } from "@/db/products";
import { lifecycleDenial } from "@/lib/lifecycle";
import { lifecycleDenialMessage } from "@/lib/lifecycle-messages";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { canSeePartnersPage } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";
import { partnerSearchSchema } from "@/lib/validation/lifecycle";
import { InviteForm } from "./invite-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("partners"))("new.title") };
}

const first = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default async function NewPartnerPage({ searchParams }: PageProps<"/partners/new">) {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeePartnersPage(m)) notFound();
  const [sp, t, locale] = await Promise.all([searchParams, getTranslations("partners"), getLocale()]);
  const parsed = partnerSearchSchema.safeParse(first(sp.q));
  const q = parsed.success ? parsed.data : "";
  const denial = lifecycleDenial("invite", { role: m.role, side: "customer" }, null);
  const partnerId = first(sp.partner).slice(0, 64);
  const [results, partner] = denial ? [[], null] : await Promise.all([
    searchPartnerOrganizations({ customerOrgId: m.orgId, query: q }),
    partnerId ? getPartnerOrganization({ id: partnerId, customerOrgId: m.orgId }) : Promise.resolve(null),
  ]);
  if (partnerId && !denial && !partner) notFound();
  const products = partner && !partner.livePartnershipId && partner.sameCurrency ? await listOrgProducts({ orgId: m.orgId }) : [];

  return (
    <article aria-labelledby="new-partner-title" className="max-w-3xl space-y-6">
      <nav aria-label={t("detail.breadcrumbLabel")} className="text-sm"><Link href="/partners" className="text-brand-700 hover:underline">{t("detail.breadcrumb")}</Link></nav>
      <h1 id="new-partner-title" className="text-2xl font-semibold">{t("new.title")}</h1>
      {denial ? <p role="alert" className="text-sm text-red-700">{lifecycleDenialMessage("invite", denial, locale)}</p> : (
        <>
          <section aria-labelledby="search-title" className={cardClass}>
            <h2 id="search-title" className="text-lg font-semibold">{t("new.searchTitle")}</h2>
            <form method="get" role="search" className="mt-3 flex flex-wrap items-end gap-2">
              <div className="min-w-0 flex-1">
                <label htmlFor="partner-search" className="mb-1 block text-sm font-medium">{t("new.searchLabel")}</label>
                <input id="partner-search" name="q" type="search" defaultValue={q} maxLength={120} className={inputClass}
                  aria-describedby="partner-search-help" />
              </div>
              <button type="submit" className={buttonClass("secondary")}>{t("new.search")}</button>
            </form>
            <p id="partner-search-help" className="mt-1 text-xs text-slate-500">
              {t("new.searchHelp")}
            </p>
            {!parsed.success && <p role="alert" className="mt-2 text-sm text-red-700">{t("new.tooLong")}</p>}
            {q && (
              results.length === 0 ? <p className="mt-3 text-sm text-slate-600">{t("new.noMatch", { query: q })}</p> : (
                <ul aria-label={t("new.matches")} className="mt-3 divide-y divide-slate-100">
                  {results.map((r) => (
                    <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                      <span className="min-w-0 font-medium">{r.name}</span>
                      {r.livePartnershipId ? (
                        <Link href={`/partners/${r.livePartnershipId}`} className="text-brand-700 hover:underline">
                          {r.liveStatus === "pending" ? t("new.pending") : t("new.already")}
                        </Link>
                      ) : !r.sameCurrency ? (
                        <span className="text-slate-600">{t("new.otherCurrency", { currency: r.currency })}</span>
                      ) : (
                        <Link href={`/partners/new?${new URLSearchParams({ q, partner: r.id })}`} aria-label={t("new.chooseName", { name: r.name })}
                          className="text-brand-700 hover:underline">{t("new.choose")}</Link>
                      )}
                    </li>
                  ))}
                </ul>
              )
            )}
          </section>
          {partner && (
            <section aria-labelledby="invite-title" className={cardClass}>
              <h2 id="invite-title" className="text-lg font-semibold">{t("new.inviteTitle", { name: partner.name })}</h2>
              {partner.livePartnershipId ? (
                <p className="mt-2 text-sm">
                  {t("new.live", { name: partner.name })}{" "}
                  <Link href={`/partners/${partner.livePartnershipId}`} className="text-brand-700 hover:underline">{t("new.open")}</Link>.
                </p>
              ) : !partner.sameCurrency ? (
                <p className="mt-2 text-sm">{t("new.currencyMismatch", { name: partner.name, currency: partner.currency })}</p>
              ) : (
                <ClientMessages namespaces={["partners", "domain", "products"]}>
                  <InviteForm partner={{ id: partner.id, name: partner.name }} products={products} />
                </ClientMessages>
              )}
            </section>
          )}
        </>
      )}
    </article>
  );
}
