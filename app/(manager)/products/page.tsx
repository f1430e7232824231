import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listOrgProducts } from "@/db/products";
import { formatDate, formatMoney } from "@/lib/format";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage() {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m) notFound();
  const rows = await listOrgProducts({ orgId: m.orgId });
  return (
    <section aria-labelledby="products-title" className="space-y-6">
      <header>
        <h1 id="products-title" className="text-2xl font-semibold">Products</h1>
        <p className="mt-1 text-sm text-slate-600">Products installed in {m.orgName}.</p>
      </header>
      {rows.length === 0 ? <p className="text-slate-600">No product in this organization.</p> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Products of {m.orgName}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Product</th>
                <th scope="col" className="px-4 py-3">Category</th>
                <th scope="col" className="px-4 py-3 text-right">Yearly price</th>
                <th scope="col" className="px-4 py-3">Renewal</th>
                <th scope="col" className="px-4 py-3">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => (
                <tr key={p.id}>
                  <td className="px-4 py-3 font-medium">{p.label}</td>
                  <td className="px-4 py-3">{p.category}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatMoney(p.priceMinor, p.currency)}</td>
                  <td className="px-4 py-3">{formatDate(new Date(`${p.renewalDate}T00:00:00Z`))}</td>
                  <td className="px-4 py-3 capitalize">{p.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
