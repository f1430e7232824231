// The current organization's billing details: its billing address (on every invoice issued to it) and,
// for a partner, the bank account its withdrawals are paid out to. Legal representatives edit them;
// administrators read them, with a word on who can change them; collaborators get a 404.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cardClass } from "@/components/ui/styles";
import { getBillingDetails } from "@/db/organization-billing";
import { canEditBillingDetails, canSeeOrganizationPage } from "@/lib/billing/access";
import { formatIban } from "@/lib/billing/references";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { FORMAT_LOCALE } from "@/lib/i18n/locales";
import { getViewer } from "@/lib/session";
import { BILLING_COUNTRIES } from "@/lib/validation/organization";
import { BillingForm } from "./billing-form";

async function currentOrganization() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const m = viewer.current;
  if (!m || !canSeeOrganizationPage(m)) return null;
  const details = await getBillingDetails({ orgId: m.orgId });
  return details ? { m, details } : null;
}

export async function generateMetadata(): Promise<Metadata> {
  const found = await currentOrganization();
  return { title: found ? (await getTranslations("organization"))("pageTitle", { org: found.details.name }) : undefined };
}

export default async function OrganizationPage() {
  const found = await currentOrganization();
  if (!found) notFound();
  const { m, details: d } = found;
  const [t, locale] = await Promise.all([getTranslations("organization"), getLocale()]);
  const names = new Intl.DisplayNames([FORMAT_LOCALE[locale]], { type: "region" });
  const countries = Object.fromEntries(BILLING_COUNTRIES.map((c) => [c, names.of(c) ?? c])) as Record<(typeof BILLING_COUNTRIES)[number], string>;
  const country = (d.billingCountry ?? d.country) as (typeof BILLING_COUNTRIES)[number];
  const hasAddress = Boolean(d.street && d.postalCode && d.city);
  const initial = {
    street: d.street ?? "", postalCode: d.postalCode ?? "", city: d.city ?? "",
    country: BILLING_COUNTRIES.includes(country) ? country : BILLING_COUNTRIES[0], iban: d.iban ? formatIban(d.iban) : "",
  };

  return (
    <section aria-labelledby="organization-title" className="max-w-2xl space-y-6">
      <header>
        <h1 id="organization-title" tabIndex={-1} className="text-2xl font-semibold">{d.name}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro", { org: d.name })}</p>
      </header>
      <div className={cardClass}>
        {canEditBillingDetails(m) ? (
          <ClientMessages namespaces={["organization"]}>
            <BillingForm
initial={initial} countries={countries} withIban={d.isPartner} />
          </ClientMessages>
        ) : (
          <div className="space-y-4 text-sm">
            <p className="text-slate-600">{t("readOnly", { org: d.name })}</p>
            <section aria-labelledby="billing-address-title">
              <h2 id="billing-address-title" className="text-lg font-semibold">{t("billingHeading")}</h2>
              {hasAddress ? (
                <address className="mt-1 not-italic">
                  <span className="block">{d.street}</span>
                  <span className="block">{d.postalCode} {d.city}</span>
                  <span className="block">{countries[country] ?? country}</span>
                </address>
              ) : <p className="mt-1 text-slate-600">{t("noAddress")}</p>}
            </section>
            {d.isPartner && (
              <section aria-labelledby="payout-title">
                <h2 id="payout-title" className="text-lg font-semibold">{t("payoutHeading")}</h2>
                <p className="mt-1">{d.iban ? formatIban(d.iban) : t("noIban")}</p>
              </section>
            )}
          </div>
        )}
      </div>
      <p className="text-sm text-slate-600">{t("issuedInvoices")}</p>
    </section>
  );
}
