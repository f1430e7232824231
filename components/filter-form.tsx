// A list's filters (audit console, invoices, prepaid account): a plain GET form, so a filtered view is a URL to share and works without
// JavaScript. Values that failed validation are named back instead of failing the page.
import Link from "next/link";
import { organizationName } from "@/db/invoices";
import { getTranslations } from "@/lib/i18n/server";
import { Combobox } from "./combobox";
import { FilterSelect } from "./filter-select";
import { buttonClass, inputClass, labelClass } from "./ui/styles";

export type SelectFilter = { name: string; label: string; value?: string; options: { value: string; label: string }[] };
/** A filter over a large table (organizations, users): a searchable combobox asking `source` for matches. */
export type SearchFilter = { name: string; label: string; value?: string; valueLabel?: string; source: string };

/** Up to this many clients the Client filter is a list; beyond, a combobox that searches them. */
export const CLIENT_LIST_MAX = 50;

/** The Client filter of the invoices and the prepaid account, from at most CLIENT_LIST_MAX + 1 clients read. */
export async function clientFilterField({ clients, value, source }: { clients: { id: string; name: string }[]; value?: string; source: string }): Promise<SelectFilter | SearchFilter> {
  const label = (await getTranslations("audit"))("filters.client");
  if (clients.length <= CLIENT_LIST_MAX) return { name: "client", label, value, options: clients.map((c) => ({ value: c.id, label: c.name })) };
  return { name: "client", label, value, valueLabel: value ? (await organizationName({ id: value })) ?? undefined : undefined, source };
}

export async function FilterForm({ action, selects, period, ignored = [], label }: {
  action: string;
  selects: (SelectFilter | SearchFilter)[];
  period?: { from?: string; to?: string; label: string };
  ignored?: string[];
  /** The form's accessible name. */
  label?: string;
}) {
  const t = await getTranslations("audit");
  // The combobox is a client component: it gets its few words as props, not a namespace of messages.
  const words = {
    all: t("filters.all"), noMatch: t("filters.noMatch"), matches: t("filters.matches", { count: "#" }),
    failed: t("filters.searchFailed"), chosen: t("filters.chosen", { label: "#" }),
  };
  // The fields a bad value was ignored for, by URL name (lib/validation/audit-filters.ts).
  const names: Record<string, string> = {
    from: t("filters.from"), to: t("filters.to"), period: t("filters.badPeriod"), after: t("filters.page"),
    ...Object.fromEntries(selects.map((s) => [s.name, s.label])),
  };
  // Keyed on the values applied: a link to the same list with other filters ("Clear", the sidebar) keeps
  // this page mounted, and the fields would otherwise keep what was chosen before, to come back on the
  // next Apply.
  const applied = JSON.stringify([...selects.map((s) => s.value ?? ""), period?.from ?? "", period?.to ?? ""]);
  return (
    <form key={applied} method="get" action={action} role="search" aria-label={label ?? t("filters.label")} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {selects.map((s) => "source" in s ? (
          <Combobox key={s.name} name={s.name} label={s.label} source={s.source} value={s.value} valueLabel={s.valueLabel} words={words} />
        ) : (
          <FilterSelect key={s.name} name={s.name} label={s.label} value={s.value} all={words.all} options={s.options.map((o) => [o.value, o.label] as const)} />
        ))}
        {period && (
          <fieldset className="col-span-2 grid grid-cols-2 gap-3">
            <legend className="sr-only">{period.label}</legend>
            <div>
              <label htmlFor="filter-from" className={labelClass}>{names.from}</label>
              <input id="filter-from" type="date" name="from" defaultValue={period.from ?? ""} className={`${inputClass} mt-1`} />
            </div>
            <div>
              <label htmlFor="filter-to" className={labelClass}>{names.to}</label>
              <input id="filter-to" type="date" name="to" defaultValue={period.to ?? ""} className={`${inputClass} mt-1`} />
            </div>
          </fieldset>
        )}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button type="submit" className={buttonClass("primary")}>{t("filters.apply")}</button>
        <Link href={action} className={buttonClass("ghost")}>{t("filters.clear")}</Link>
        {ignored.length > 0 && (
          <p role="status" className="text-sm text-amber-800">
            {t("filters.ignored", { fields: ignored.map((n) => names[n] ?? n).join(", ") })}
          </p>
        )}
      </div>
    </form>
  );
}
