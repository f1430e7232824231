"use client";
// Products grouped by category, each category with an "all" box: how a customer picks what a
// limited-access partner may manage.
// Its words are in the `products` namespace: a page using it passes "products" to <ClientMessages>.
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { categoryName as named } from "@/lib/product-category";

/** The catalogue's categories (lib/catalogue.ts, stored in English) and their message keys. */

export type PickableProduct = { id: string; label: string; category: string };

function CategoryToggle({ category, ids, selected, onToggle }: { category: string; ids: string[]; selected: Set<string>; onToggle: (all: boolean) => void }) {
  const t = useTranslations("products.picker");
  const ref = useRef<HTMLInputElement>(null);
  const count = ids.filter((id) => selected.has(id)).length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && count < ids.length;
  }, [count, ids.length]);
  return (
    <label className="flex items-center gap-2 text-sm font-medium">
      <input ref={ref} type="checkbox" checked={count === ids.length} onChange={(e) => onToggle(e.target.checked)} />
      {t("allOf", { category })}
    </label>
  );
}

export function ProductPicker({ products, value, onChange, errorId, error }: {
  products: PickableProduct[];
  value: string[];
  onChange: (next: string[]) => void;
  errorId: string;
  error?: string;
}) {
  const t = useTranslations("products");
  const categoryName = (c: string) => named(t, c);
  const selected = new Set(value);
  const categories = [...new Set(products.map((p) => p.category))].sort();
  const set = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) if (on) next.add(id); else next.delete(id);
    onChange(products.filter((p) => next.has(p.id)).map((p) => p.id));
  };
  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="space-y-3">
      <legend className="text-sm font-medium">{t("picker.legend")}</legend>
      {products.length === 0 && <p className="text-sm text-slate-600">{t("picker.none")}</p>}
      {categories.map((category) => {
        const inCategory = products.filter((p) => p.category === category);
        return (
          <fieldset key={category} className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold">{categoryName(category)}</legend>
            <CategoryToggle category={categoryName(category)} ids={inCategory.map((p) => p.id)} selected={selected} onToggle={(on) => set(inCategory.map((p) => p.id), on)} />
            <ul className="mt-2 space-y-1 pl-6">
              {inCategory.map((p) => (
                <li key={p.id}>
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" checked={selected.has(p.id)} onChange={(e) => set([p.id], e.target.checked)} />
                    {p.label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        );
      })}
      <p id={errorId} role="alert" className="text-sm text-red-700">{error}</p>
    </fieldset>
  );
}
