// Shared class names for the few primitives, so every button and field looks and focuses alike. The
// classes are defined once in app/globals.css ("The primitives"): each appears on every page, in the
// markup and again in the RSC payload, so a short name is sent instead of a list of utilities.
export function buttonClass(variant: "primary" | "secondary" | "ghost" = "primary"): string {
  return `btn btn-${variant}`;
}

export const inputClass = "field";

export const labelClass = "field-label";

export const cardClass = "card";
