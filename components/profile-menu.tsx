// The signed-in user's menu in the sidebar: who is signed in, and the language, as a plain form of
// buttons (works without JavaScript; each language under its own name, the current one pressed).
import { changeLocaleFromForm } from "@/app/(manager)/preferences-actions";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { getLocale, getTranslations } from "@/lib/i18n/server";

export async function ProfileMenu({ name, email }: { name: string; email: string }) {
  const t = await getTranslations("shell");
  const current = await getLocale();
  return (
    <details className="group">
      <summary className="cursor-pointer rounded-md p-1 hover:bg-slate-100">
        <span className="inline-block max-w-[85%] truncate align-top font-medium">{name}</span>
        <span className="block truncate text-xs text-slate-500">{email}</span>
        <span className="sr-only">{t("profileMenu")}</span>
      </summary>
      <form action={changeLocaleFromForm} className="mt-2">
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-600">{t("language")}</legend>
          <div className="shell-choices flex flex-wrap gap-1">
            {LOCALES.map((l) => (
              <button key={l} type="submit" name="locale" value={l} lang={l} aria-pressed={l === current}>{LOCALE_NAMES[l]}</button>
            ))}
          </div>
        </fieldset>
      </form>
    </details>
  );
}
