"use client";
// "Effective: now / on a date" in the payment-mode editor (issue #14): a switch now, or scheduled for a
// date within the next 12 months, taking effect at 00:00 Europe/Zurich. The date's limits come from the
// server (the Zurich calendar); the action checks them again.
import { useTranslations } from "next-intl";

export type Effective = { when: "now" | "date"; date: string };
export type ScheduleLimits = { min: string; max: string; minLabel: string; maxLabel: string };

export function EffectiveField({ value, onChange, limits, error }: {
  value: Effective; onChange: (v: Effective) => void; limits: ScheduleLimits; error: string | null;
}) {
  const t = useTranslations("schedule.editor");
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "effective-error" : undefined}>
      <legend className="text-sm font-medium">{t("effective")}</legend>
      <div className="flex flex-wrap gap-4">
        {(["now", "date"] as const).map((when) => (
          <label key={when} className="flex cursor-pointer items-center gap-2 text-sm">
            <input type="radio" name="effective" value={when} checked={value.when === when} onChange={() => onChange({ ...value, when })} />
            {when === "now" ? t("now") : t("onDate")}
          </label>
        ))}
      </div>
      {value.when === "date" && (
        <div className="space-y-1">
          <label htmlFor="effective-date" className="block text-sm font-medium">{t("date")}</label>
          <input id="effective-date" name="effectiveDate" type="date" min={limits.min} max={limits.max} value={value.date}
            aria-describedby="effective-date-help" aria-invalid={error ? true : undefined}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            onChange={(e) => onChange({ ...value, date: e.target.value })} />
          <p id="effective-date-help" className="text-sm text-slate-600">{t("dateHelp", { min: limits.minLabel, max: limits.maxLabel })}</p>
        </div>
      )}
      <p id="effective-error" role="alert" className="text-sm text-red-700">{error}</p>
    </fieldset>
  );
}
