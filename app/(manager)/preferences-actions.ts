"use server";
// The profile menu's action: the user's language, stored on the user (docs/i18n.md).
import { revalidatePath } from "next/cache";
import { setUserLocale } from "@/db/users";
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/action";
import { translator } from "@/lib/i18n/translator";
import { changeLocaleSchema } from "@/lib/validation/preferences";

export const changeLocale = defineAction(
  { schema: changeLocaleSchema, refusedKind: "preference.refused" },
  async (input, { viewer }) => {
    await setUserLocale({ userId: viewer.id, locale: input.locale });
    revalidatePath("/", "layout");
    // Answered in the language just chosen.
    return { ok: true, message: translator(input.locale, "shell")("languageChanged") };
  },
);

/** The menu's buttons post `locale`; the page then re-renders in that language. Only a form is read. */
export const changeLocaleFromForm = defineFormAction(
  { schema: z.object({ locale: z.string().max(32) }), invalid: undefined },
  async (input): Promise<void> => {
    await changeLocale({ locale: input.locale });
  },
);
