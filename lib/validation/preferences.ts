// Input schema of the profile menu's language choice.
import "./zod-setup";
import { z } from "zod";
import { LOCALES } from "../i18n/locales";

export const changeLocaleSchema = z.object({ locale: z.enum(LOCALES, { error: "locale" }) });
export type ChangeLocaleInput = z.infer<typeof changeLocaleSchema>;
