import { redirect } from "next/navigation";
import { getTranslations } from "@/lib/i18n/server";
import { navigationFor } from "@/lib/navigation";
import { requireViewer } from "@/lib/session";

// The start page sends everyone to their first section; only a user without any organization stays,
// and is told how access comes (an invitation) and what they can do meanwhile.
export default async function HomePage() {
  const viewer = await requireViewer();
  const [first] = navigationFor(viewer);
  if (first) redirect(first.href);
  const t = await getTranslations("shell");
  return (
    <section aria-labelledby="home-title" className="max-w-2xl">
      <h1 id="home-title" className="text-2xl font-semibold">{t("home.title", { name: viewer.name })}</h1>
      <p className="mt-2 text-slate-600">{t("home.noMembership")}</p>
      <p className="mt-2 text-slate-600">{t("home.next")}</p>
    </section>
  );
}
