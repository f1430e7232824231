// What every 404 says, inside the signed-in shell or on its own page; its <title> is hoisted into the
// head by React, so a 404 reached by a client navigation does not keep the title of the page it replaced.
import type Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";

/**
 * `withTitle` where no generateMetadata can give the title (a nested not-found file has no metadata).
 * `link`: the shell's 404s pass next/link's Link; the root not-found keeps a plain anchor. This module
 * imports no client code: were the root layout's not-found to import next/link, Turbopack would ship
 * its client code twice on every signed-in page (in the root's chunks and again in the shell's).
 */
export async function NotFoundContent({ centered = false, withTitle = false, link: Back = "a" }: { centered?: boolean; withTitle?: boolean; link?: typeof Link | "a" }) {
  const t = await getTranslations("common");
  const title = [t("notFound.title"), t("appName")].join(" · ");
  return (
    <section aria-labelledby="not-found-title" className={centered ? "mx-auto max-w-lg text-center" : "max-w-2xl"}>
      {withTitle && <title>{title}</title>}
      <h1 id="not-found-title" className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <p className="mt-2 text-slate-600">{t("notFound.text")}</p>
      <Back href="/" className="mt-6 inline-block text-brand-700 underline hover:no-underline">{t("notFound.back")}</Back>
    </section>
  );
}
