// react-hook-form's zod resolver, with the schema's message keys turned into the user's words on the
// client, as lib/action.ts does on the server. Use it in place of zodResolver in every client form.
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";
import { validationMessage, type ValidationTranslator } from "./validation";

export function useTranslatedResolver<S extends z.ZodType<FieldValues, FieldValues>>(schema: S): Resolver<z.input<S>, unknown, z.output<S>> {
  const t = useTranslations("validation") as unknown as ValidationTranslator;
  return useMemo(() => {
    const resolve = zodResolver(schema) as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
    return async (values, context, options) => {
      const result = await resolve(values, context, options);
      return { ...result, errors: translateErrors(result.errors, t) } as typeof result;
    };
  }, [schema, t]);
}

/** Field errors nest like the form's values; each leaf has a `message` (and a DOM `ref`, left alone). */
function translateErrors<T>(errors: T, t: ValidationTranslator): T {
  if (Array.isArray(errors)) return errors.map((e) => translateErrors(e, t)) as T;
  if (!errors || typeof errors !== "object") return errors;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(errors)) {
    out[key] = key === "ref" ? value : key === "message" && typeof value === "string" ? validationMessage(t, value) : translateErrors(value, t);
  }
  return out as T;
}
