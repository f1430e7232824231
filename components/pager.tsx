// Keyset pagination links: back to the first page, or on to the page after the last row shown.
import Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";
import { buttonClass } from "./ui/styles";

export async function Pager({ firstHref, nextHref, isFirst, label }: { firstHref: string; nextHref: string | null; isFirst: boolean; label: string }) {
  if (isFirst && !nextHref) return null;
  const t = await getTranslations("audit");
  return (
    <nav aria-label={label} className="flex gap-2">
      {!isFirst && <Link href={firstHref} className={buttonClass("secondary")}>{t("pager.first")}</Link>}
      {nextHref && <Link href={nextHref} className={buttonClass("secondary")}>{t("pager.next")}</Link>}
    </nav>
  );
}
