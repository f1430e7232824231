import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/pager";
import { notFound } from "next/navigation";
import { InvitationAnswerButtons } from "@/components/invitation-answer-buttons";
import { Notice, noticeFrom } from "@/components/notice";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { latestInvitations, listPendingInvitations } from "@/db/invitation-reads";
import { decodeClientCursor, encodeClientCursor, listActiveClients, listManagedProductsFor } from "@/db/lifecycle";
import { effectivePaymentMode } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { invitationState, lifecycleDenial } from "@/lib/lifecycle";
import { canSeeClientsPage } from "@/lib/permissions";
import { getViewer, requireViewer } from "@/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const [viewer, t] = await Promise.all([getViewer(), getTranslations("clients")]);
  const org = viewer?.current?.orgName;
  return { title: org ? t("list.pageTitle", { org }) : t("list.title") };
}

export default async function ClientsPage({ searchParams }: PageProps<"/clients">) {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeeClientsPage(m)) notFound();
  const { after, invitations, notice } = await searchParams;
  const cursor = decodeClientCursor(after);
  // The pending invitations are paged on their own (oldest first): `invitations` is their cursor.
  const pendingCursor = decodeCursor(typeof invitations === "string" ? invitations : undefined) ?? null;
  const [{ rows: pending, next: pendingNext }, page, t, d, locale] = await Promise.all([
    listPendingInvitations({ partnerOrgId: m.orgId, after: pendingCursor }),
    listActiveClients({ partnerOrgId: m.orgId, after: cursor }),
    getTranslations("clients"), getTranslations("domain"), getLocale(),
  ]);
  const ids = [...pending.map((p) => p.id), ...page.rows.map((p) => p.id)];
  const [products, links] = await Promise.all([
    listManagedProductsFor({ partnershipIds: ids }),
    latestInvitations({ partnershipIds: pending.map((p) => p.id) }),
  ]);
  const canAnswer = lifecycleDenial("accept", { role: m.role, side: "partner" }, "pending") === null;
  const now = new Date();
  const date = (x: Date) => formatDate(x, locale);
  const productList = (id: string) => (products.get(id) ?? []).map((x) => x.label).join(", ") || "—";
  const notices = { refused: t("notice.refused"), ended: t("notice.ended") };
  // Each pager keeps the other list's page.
  const href = (q: { after?: string | null; invitations?: string | null }) => {
    const params = new URLSearchParams();
    if (q.invitations) params.set("invitations", q.invitations);
    if (q.after) params.set("after", q.after);
    const qs = params.toString();
    return qs ? `/clients?${qs}` : "/clients";
  };
  const clientsAt = typeof after === "string" && cursor ? after : null;
  const invitationsAt = pendingCursor ? encodeCursor(pendingCursor) : null;

  return (
    <section aria-labelledby="clients-title" className="space-y-6">
      <header>
        <h1 id="clients-title" tabIndex={-1} className="text-2xl font-semibold">{t("list.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("list.intro", { org: m.orgName })}</p>
      </header>
      <Notice text={noticeFrom(notice, notices)} />

      <section aria-labelledby="invitations-title" className={cardClass}>
        <h2 id="invitations-title" className="text-lg font-semibold">{t("list.invitations")}</h2>
        {pending.length === 0 ? (
          pendingCursor
            ? <p className="mt-2 text-sm text-slate-600">{t("list.noInvitationsHere")}{" "}<Link href={href({ after: clientsAt })} className="font-medium text-brand-700 underline">{t("list.firstPage")}</Link></p>
            : <p className="mt-2 text-sm text-slate-600">{t("list.noInvitations", { org: m.orgName })}</p>
        ) : (
          // One message provider for every answer form of the page, not one per invitation.
          <ClientMessages namespaces={["invitations"]}>
          <ul className="mt-3 divide-y divide-slate-100">
            {pending.map((p) => {
              const link = links.get(p.id);
              const live = link && invitationState(link, now) === "live";
              const access = d(`access.${p.access}`);
              return (
                <li key={p.id} className="space-y-2 py-3 text-sm">
                  <p id={`invitation-${p.id}`} className="font-medium">
                    <Link href={`/clients/${p.id}`} className="text-brand-700 hover:underline">{p.customerName}</Link>
                  </p>
                  <p>
                    {p.access === "full"
                      ? t("list.pendingFull", { access, mode: d(`paymentMode.${effectivePaymentMode(p)}`), date: date(p.createdAt) })
                      : t("list.pendingLimited", { access, products: productList(p.id), date: date(p.createdAt) })}
                    {link && <>{" "}{live ? t("list.expiresOn", { date: date(link.expiresAt) }) : t("list.expiredOn", { date: date(link.expiresAt), customer: p.customerName })}</>}
                  </p>
                  {canAnswer && live && <InvitationAnswerButtons partnershipId={p.id} version={p.version} customerName={p.customerName} />}
                </li>
              );
            })}
          </ul>
          </ClientMessages>
        )}
        <div className="mt-3">
          <Pager label={t("list.invitationPages")} isFirst={!pendingCursor} firstHref={href({ after: clientsAt })}
            nextHref={pendingNext ? href({ after: clientsAt, invitations: encodeCursor(pendingNext) }) : null} />
        </div>
      </section>

      <section aria-labelledby="active-clients-title" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="active-clients-title" className="text-lg font-semibold">{t("list.active")}</h2>
          <a href="/clients/export" className={buttonClass("secondary")} download>{t("list.export")}</a>
        </div>
        {page.rows.length === 0 ? (
          cursor
            ? <p className="text-slate-600">{t("list.emptyPage")}{" "}<Link href="/clients" className="font-medium text-brand-700 underline">{t("list.firstPage")}</Link></p>
            : <p className="text-slate-600">{t("list.empty", { org: m.orgName })}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="data-table">
              <caption className="sr-only">{t("list.caption", { org: m.orgName })}</caption>
              <thead>
                <tr>
                  {(["client", "access", "mode", "products", "since"] as const).map((c) => (
                    <th key={c} scope="col">{t(`list.column.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.rows.map((p) => (
                  <tr key={p.id} id={`client-${p.id}`}>
                    <td className="font-medium">
                      <Link href={`/clients/${p.id}`} className="text-brand-700 hover:underline">{p.customerName}</Link>
                    </td>
                    <td>{d(`access.${p.access}`)}</td>
                    <td>{d(`paymentMode.${effectivePaymentMode(p)}`)}</td>
                    <td>{p.access === "full" ? t("list.allProducts") : productList(p.id)}</td>
                    <td>{date(p.activatedAt ?? p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager label={t("list.pages")} isFirst={!cursor} firstHref={href({ invitations: invitationsAt })}
          nextHref={page.next ? href({ invitations: invitationsAt, after: encodeClientCursor(page.next) }) : null} />
      </section>
    </section>
  );
}
