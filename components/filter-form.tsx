// A list's filters (audit console, invoices, prepaid account): a plain GET form, so a filtered view is a URL to share and works without
// JavaScript. Values that failed validation are named back instead of failing the page.
import Link from "next/link";
import { organizationName } from "@/db/invoices";
import { Combobox } from "./combobox";
import { buttonClass, inputClass } from "./ui/styles";

export type SelectFilter = { name: string; label: string; value?: string; options: { value: string; label: string }[] };
/** A filter over a large table (organizations, users): a searchable combobox asking `source` for matches. */
export type SearchFilter = { name: string; label: string; value?: string; valueLabel?: string; source: string };

/** Up to this many clients the Client filter is a list; beyond, a combobox that searches them. */
export const CLIENT_LIST_MAX = 50;

/** The Client filter of the invoices and the prepaid account, from at most CLIENT_LIST_MAX + 1 clients read. */
export async function clientFilterField({ clients, value, source }: { clients: { id: string; name: string }[]; value?: string; source: string }): Promise<SelectFilter | SearchFilter> {
  if (clients.length <= CLIENT_LIST_MAX) return { name: "client", label: "Client", value, options: clients.map((c) => ({ value: c.id, label: c.name })) };
  return { name: "client", label: "Client", value, valueLabel: value ? (await organizationName({ id: value })) ?? undefined : undefined, source };
}

export function FilterForm({ action, selects, period, ignored = [], label = "Filters" }: {
  action: string;
  selects: (SelectFilter | SearchFilter)[];
  period?: { from?: string; to?: string; label: string };
  ignored?: string[];
  /** The form's accessible name. */
  label?: string;
}) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {selects.map((s) => "source" in s ? (
          <Combobox key={s.name} name={s.name} label={s.label} source={s.source} value={s.value} valueLabel={s.valueLabel} />
        ) : (
          <div key={s.name}>
            <label htmlFor={`filter-${s.name}`} className="block text-xs font-medium text-slate-600">{s.label}</label>
            <select id={`filter-${s.name}`} name={s.name} defaultValue={s.value ?? ""} className={`${inputClass} mt-1`}>
              <option value="">All</option>
              {s.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </div>
        ))}
        {period && (
          <fieldset className="col-span-2 grid grid-cols-2 gap-3">
            <legend className="sr-only">{period.label}</legend>
            <div>
              <label htmlFor="filter-from" className="block text-xs font-medium text-slate-600">From</label>
              <input id="filter-from" type="date" name="from" defaultValue={period.from ?? ""} className={`${inputClass} mt-1`} />
            </div>
            <div>
              <label htmlFor="filter-to" className="block text-xs font-medium text-slate-600">To</label>
              <input id="filter-to" type="date" name="to" defaultValue={period.to ?? ""} className={`${inputClass} mt-1`} />
            </div>
          </fieldset>
        )}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button type="submit" className={buttonClass("primary")}>Apply filters</button>
        <Link href={action} className={buttonClass("ghost")}>Clear filters</Link>
        {ignored.length > 0 && (
          <p role="status" className="text-sm text-amber-800">
            Ignored a value that is not valid for: {ignored.join(", ")}. The other filters apply.
          </p>
        )}
      </div>
    </form>
  );
}
