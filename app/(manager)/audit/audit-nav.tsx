// The console's sections. A plain server component: the current section is known from the page.
import Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";

const SECTIONS = [
  { href: "/audit", key: "partnerships" },
  { href: "/audit/events", key: "events" },
  { href: "/audit/notifications", key: "notifications" },
] as const;

export async function AuditNav({ current }: { current: (typeof SECTIONS)[number]["href"] }) {
  const t = await getTranslations("audit");
  const PAGE = "page" as const;
  return (
    <nav aria-label={t("nav.label")}>
      <ul className="flex gap-1 border-b border-slate-200">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              aria-current={s.href === current ? PAGE : undefined}
              className="-mb-px inline-block border-b-2 border-transparent px-4 py-2 text-sm font-medium text-slate-600 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
            >
              {t(`nav.${s.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
