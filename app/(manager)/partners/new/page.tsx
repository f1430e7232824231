import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { getPartnerOrganization, searchPartnerOrganizations } from "@/db/invitation-reads";
import { listOrgProducts } from "@/db/products";
import { lifecycleDenial } from "@/lib/lifecycle";
import { lifecycleDenialMessage } from "@/lib/lifecycle-messages";
import { canSeePartnersPage } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";
import { partnerSearchSchema } from "@/lib/validation/lifecycle";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Add a partner" };

const first = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default async function NewPartnerPage({ searchParams }: PageProps<"/partners/new">) {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeePartnersPage(m)) notFound();
  const sp = await searchParams;
  const parsed = partnerSearchSchema.safeParse(first(sp.q));
  const q = parsed.success ? parsed.data : "";
  const denial = lifecycleDenial("invite", { role: m.role, side: "customer" }, null);
  const partnerId = first(sp.partner).slice(0, 64);
  const [results, partner] = denial ? [[], null] : await Promise.all([
    searchPartnerOrganizations({ customerOrgId: m.orgId, query: q }),
    partnerId ? getPartnerOrganization({ id: partnerId, customerOrgId: m.orgId }) : Promise.resolve(null),
  ]);
  if (partnerId && !denial && !partner) notFound();
  const products = partner && !partner.livePartnershipId ? await listOrgProducts({ orgId: m.orgId }) : [];

  return (
    <article aria-labelledby="new-partner-title" className="max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/partners" className="text-brand-700 hover:underline">Partner</Link></nav>
      <h1 id="new-partner-title" className="text-2xl font-semibold">Add a partner</h1>
      {denial ? <p role="alert" className="text-sm text-red-700">{lifecycleDenialMessage("invite", denial)}</p> : (
        <>
          <section aria-labelledby="search-title" className={cardClass}>
            <h2 id="search-title" className="text-lg font-semibold">Find the partner</h2>
            <form method="get" role="search" className="mt-3 flex items-end gap-2">
              <div className="flex-1">
                <label htmlFor="partner-search" className="mb-1 block text-sm font-medium">Partner name or a member&apos;s email</label>
                <input id="partner-search" name="q" type="search" defaultValue={q} maxLength={120} className={inputClass}
                  aria-describedby="partner-search-help" />
              </div>
              <button type="submit" className={buttonClass("secondary")}>Search</button>
            </form>
            <p id="partner-search-help" className="mt-1 text-xs text-slate-500">
              Only organizations enrolled in the reseller programme. An email must be typed in full.
            </p>
            {!parsed.success && <p role="alert" className="mt-2 text-sm text-red-700">Type at most 120 characters.</p>}
            {q && (
              results.length === 0 ? <p className="mt-3 text-sm text-slate-600">No partner matches “{q}”.</p> : (
                <ul aria-label="Matching partners" className="mt-3 divide-y divide-slate-100">
                  {results.map((r) => (
                    <li key={r.id} className="flex items-center justify-between py-2 text-sm">
                      <span className="font-medium">{r.name}</span>
                      {r.livePartnershipId ? (
                        <Link href={`/partners/${r.livePartnershipId}`} className="text-brand-700 hover:underline">
                          {r.liveStatus === "pending" ? "Invitation pending" : "Already your partner"}
                        </Link>
                      ) : (
                        <Link href={`/partners/new?${new URLSearchParams({ q, partner: r.id })}`} aria-label={`Choose ${r.name}`}
                          className="text-brand-700 hover:underline">Choose</Link>
                      )}
                    </li>
                  ))}
                </ul>
              )
            )}
          </section>
          {partner && (
            <section aria-labelledby="invite-title" className={cardClass}>
              <h2 id="invite-title" className="text-lg font-semibold">Invite {partner.name}</h2>
              {partner.livePartnershipId ? (
                <p className="mt-2 text-sm">
                  {partner.name} is already your partner or has a pending invitation:{" "}
                  <Link href={`/partners/${partner.livePartnershipId}`} className="text-brand-700 hover:underline">open it</Link>.
                </p>
              ) : <InviteForm partner={{ id: partner.id, name: partner.name }} products={products} />}
            </section>
          )}
        </>
      )}
    </article>
  );
}
