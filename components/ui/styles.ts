// Shared class names for the few primitives, so every button and field looks and focuses alike.
export function buttonClass(variant: "primary" | "secondary" | "ghost" = "primary"): string {
  const base = "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60";
  if (variant === "primary") return `${base} bg-brand-600 text-white hover:bg-brand-700`;
  if (variant === "secondary") return `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`;
  return `${base} text-slate-700 hover:bg-slate-100`;
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600";

export const cardClass = "rounded-lg border border-slate-200 bg-white p-6 shadow-sm";
