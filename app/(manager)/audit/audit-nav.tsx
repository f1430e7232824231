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
      {/* The list styles its links (one class list, not one per link: the page's payload repeats each). */}
      <ul className="flex gap-1 border-b border-slate-200 [&_a]:-mb-px [&_a]:inline-block [&_a]:border-b-2 [&_a]:border-transparent [&_a]:px-4 [&_a]:py-2 [&_a]:text-sm [&_a]:font-medium [&_a]:text-slate-600 [&_a:hover]:text-brand-700 [&_a[aria-current=page]]:border-brand-600 [&_a[aria-current=page]]:text-brand-700">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} aria-current={s.href === current ? PAGE : undefined}>{t(`nav.${s.key}`)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
