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
      {/* app/globals.css styles the links (one rule, not a class list per link: the page's payload repeats each). */}
      <ul className="audit-nav flex gap-1 border-b border-slate-200">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} aria-current={s.href === current ? PAGE : undefined}>{t(`nav.${s.key}`)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
