"use client";
// A filter's list of choices (components/filter-form.tsx). A client component only for the weight of
// the page: its options travel in the RSC payload as [value, label] pairs, where a server component's
// would each be an element with its key, value and label (27 event kinds on the audit console).
import { inputClass, labelClass } from "./ui/styles";

export function FilterSelect({ name, label, value, all, options }: {
  name: string; label: string; value?: string; all: string; options: (readonly [value: string, label: string])[];
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className={labelClass}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={`${inputClass} mt-1`}>
        <option value="">{all}</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}
