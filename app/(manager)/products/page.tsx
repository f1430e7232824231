import type { Metadata } from "next";
import { Pager } from "@/components/pager";
import { notFound } from "next/navigation";
import { readCustomerBilling } from "@/db/billing-context";
import { listManagedClientProducts, listOrderableClients, listOwnProducts } from "@/db/products";
import { ACCESS_LABELS, type AccessLevel } from "@/lib/domain";
import { formatDate, formatMoney } from "@/lib/format";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { canPlaceOrders, canSeeProductsPage } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";
import { OrderPanel } from "./order-panel";
import { newOrderQuotes, renewalQuote } from "./quotes";
import { RenewControl } from "./renew-control";

export const metadata: Metadata = { title: "Products" };

const day = (iso: string) => formatDate(new Date(`${iso}T00:00:00Z`));

export default async function ProductsPage({ searchParams }: PageProps<"/products">) {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeeProductsPage(m)) notFound();
  const { after } = await searchParams;
  const cursor = decodeCursor(typeof after === "string" ? after : undefined);
  const partner = m.orgIsPartner;
  const [page, clients] = await Promise.all([
    partner ? listManagedClientProducts({ partnerOrgId: m.orgId, cursor }) : listOwnProducts({ orgId: m.orgId, cursor }),
    partner ? listOrderableClients({ partnerOrgId: m.orgId }) : Promise.resolve([]),
  ]);
  const rows = page.rows.map((r) => ({ customerName: m.orgName, access: null as AccessLevel | null, ...r }));
  const mayOrder = canPlaceOrders(m);
  const fullClients = clients.filter((c) => c.access === "full").map((c) => ({ id: c.customerOrgId, name: c.customerName }));
  const contexts = await readCustomerBilling({
    customerOrgIds: [...new Set([...rows.map((r) => r.orgId), ...(partner ? fullClients.map((c) => c.id) : [m.orgId])])],
  });
  const orderContexts = new Map([...contexts].filter(([id]) => (partner ? fullClients.some((c) => c.id === id) : id === m.orgId)));

  return (
    <section aria-labelledby="products-title" className="space-y-6">
      <header>
        <h1 id="products-title" className="text-2xl font-semibold">Products</h1>
        <p className="mt-1 text-sm text-slate-600">
          {partner ? `Products of the clients ${m.orgName} manages. With limited access only the client orders and renews.` : `Products installed in ${m.orgName}.`}
        </p>
      </header>
      {mayOrder && (!partner || fullClients.length > 0) && (
        <OrderPanel clients={partner ? fullClients : null} ownOrgId={m.orgId} quotes={newOrderQuotes(m, orderContexts)} />
      )}
      {rows.length === 0 ? <p className="text-slate-600">No product {cursor ? "on this page" : "yet"}.</p> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{partner ? `Products of ${m.orgName}'s clients` : `Products of ${m.orgName}`}, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                {partner && <th scope="col" className="px-4 py-3">Client</th>}
                <th scope="col" className="px-4 py-3">Product</th>
                <th scope="col" className="px-4 py-3">Category</th>
                <th scope="col" className="px-4 py-3 text-right">Yearly price</th>
                <th scope="col" className="px-4 py-3">Renewal</th>
                <th scope="col" className="px-4 py-3">Status</th>
                {partner && <th scope="col" className="px-4 py-3">Access</th>}
                <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => {
                const { access, customerName } = p;
                const quote = renewalQuote(m, contexts.get(p.orgId), p);
                const renewable = mayOrder && access !== "limited" && p.status !== "cancelled" && quote.ok;
                return (
                  <tr key={p.id} className="align-top">
                    {partner && <td className="px-4 py-3">{customerName}</td>}
                    <td className="px-4 py-3 font-medium">{p.label}</td>
                    <td className="px-4 py-3">{p.category}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{formatMoney(p.priceMinor, p.currency)}</td>
                    <td className="px-4 py-3">{day(p.renewalDate)}</td>
                    <td className="px-4 py-3 capitalize">{p.status}</td>
                    {partner && <td className="px-4 py-3">{access ? ACCESS_LABELS[access] : "—"}</td>}
                    <td className="px-4 py-3">
                      {renewable ? (
                        <RenewControl key={`${p.id}`} productId={p.id} label={p.label} renewalDate={p.renewalDate} renewalLabel={day(p.renewalDate)} quote={quote.text} />
                      ) : access === "limited" ? <span className="text-slate-500">The client renews</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Pages" isFirst={!cursor} firstHref="/products"
        nextHref={page.next ? `/products?after=${encodeURIComponent(encodeCursor(page.next))}` : null} />
    </section>
  );
}
