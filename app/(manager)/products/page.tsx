import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/pager";
import { packRows } from "@/lib/packed-rows";
import { notFound } from "next/navigation";
import { readCustomerBilling } from "@/db/billing-context";
import { hasOrderableClient, listManagedClientProducts, listOwnProducts } from "@/db/products";
import type { AccessLevel } from "@/lib/domain";
import { formatDate, formatMoney } from "@/lib/format";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { canPlaceOrders, canSeeProductsPage } from "@/lib/permissions";
import { getViewer, requireViewer } from "@/lib/session";
import { OrderPanel } from "./order-panel";
import { categoryName } from "@/lib/product-category";
import { offerQuotes, renewalQuote } from "./quotes";
import { ProductRows, type ProductRow } from "./product-rows";

/** Where a partner's order panel searches its clients (products/clients/route.ts). */
const CLIENT_SEARCH = "/products/clients";

export async function generateMetadata(): Promise<Metadata> {
  const [viewer, t] = await Promise.all([getViewer(), getTranslations("products")]);
  const org = viewer?.current?.orgName;
  return { title: org ? t("pageTitle", { org }) : t("title") };
}

export default async function ProductsPage({ searchParams }: PageProps<"/products">) {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeeProductsPage(m)) notFound();
  const { after } = await searchParams;
  const cursor = decodeCursor(typeof after === "string" ? after : undefined);
  const partner = m.orgIsPartner;
  const mayOrder = canPlaceOrders(m);
  // A partner's order panel searches its clients on demand (/products/clients): the page only needs to
  // know that there is one to order for.
  const [page, hasClient, t, d, locale] = await Promise.all([
    partner ? listManagedClientProducts({ partnerOrgId: m.orgId, cursor }) : listOwnProducts({ orgId: m.orgId, cursor }),
    partner && mayOrder ? hasOrderableClient({ partnerOrgId: m.orgId }) : Promise.resolve(false),
    getTranslations("products"), getTranslations("domain"), getLocale(),
  ]);
  const day = (iso: string) => formatDate(new Date(`${iso}T00:00:00Z`), locale);
  const rows = page.rows.map((r) => ({ customerName: m.orgName, access: null as AccessLevel | null, ...r }));
  const contexts = await readCustomerBilling({ customerOrgIds: [...new Set([...rows.map((r) => r.orgId), ...(partner ? [] : [m.orgId])])] });
  const ownContext = partner ? undefined : contexts.get(m.orgId);
  const canOrderHere = mayOrder && (partner ? hasClient : ownContext !== undefined);
  const empty = cursor ? null : partner ? t("emptyPartner") : canOrderHere ? t("emptyCustomer") : t("emptyCustomerReadOnly");
  const productRows = rows.map((p): ProductRow => {
    const { access } = p;
    const quote = renewalQuote(m, contexts.get(p.orgId), p, locale);
    const renewable = mayOrder && access !== "limited" && p.status !== "cancelled" && quote.ok;
    return [
      p.id, partner ? p.customerName : "", p.label, categoryName(t, p.category), formatMoney(p.priceMinor, p.currency, locale),
      day(p.renewalDate), d(`productStatus.${p.status}`), partner ? (access ? d(`access.${access}`) : "—") : "",
      p.renewalDate, renewable ? quote.text : "", renewable ? "renew" : access === "limited" ? "client" : "",
    ];
  });
  const col = (k: "client" | "product" | "category" | "price" | "renewal" | "status" | "access" | "actions") => t(`column.${k}`);

  return (
    <section aria-labelledby="products-title" className="space-y-6">
      <header>
        <h1 id="products-title" tabIndex={-1} className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{partner ? t("introPartner", { org: m.orgName }) : t("introCustomer", { org: m.orgName })}</p>
      </header>
      {/* The order panel and the renew buttons are client components: they get this page's namespace. */}
      <ClientMessages namespaces={["products"]}>
        {canOrderHere && (
          <OrderPanel clientSource={partner ? CLIENT_SEARCH : null} quotes={ownContext ? offerQuotes(m, ownContext, locale) : []} />
        )}
        {rows.length === 0 ? (
          empty ? <p className="text-slate-600">{empty}</p>
            : <p className="text-slate-600">{t("emptyPage")}{" "}<Link href="/products" className="font-medium text-brand-700 underline">{t("firstPage")}</Link></p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="data-table">
              <caption className="sr-only">{partner ? t("captionPartner", { org: m.orgName }) : t("captionOwn", { org: m.orgName })}</caption>
              <thead>
                <tr>
                  {partner && <th scope="col">{col("client")}</th>}
                  <th scope="col">{col("product")}</th>
                  <th scope="col">{col("category")}</th>
                  <th scope="col" className="text-right">{col("price")}</th>
                  <th scope="col">{col("renewal")}</th>
                  <th scope="col">{col("status")}</th>
                  {partner && <th scope="col">{col("access")}</th>}
                  <th scope="col"><span className="sr-only">{col("actions")}</span></th>
                </tr>
              </thead>
              {/* Compact: the rows go to ProductRows as packed strings (see product-rows.tsx). */}
              <ProductRows partner={partner} clientRenews={t("clientRenews")} rows={packRows(productRows)} />
            </table>
          </div>
        )}
      </ClientMessages>
      <Pager label={t("pages")} isFirst={!cursor} firstHref="/products"
        nextHref={page.next ? `/products?after=${encodeURIComponent(encodeCursor(page.next))}` : null} />
    </section>
  );
}
