import Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";

export async function generateMetadata() {
  return { title: (await getTranslations("common"))("notFound.title") };
}

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <p className="mt-2 text-slate-600">{t("notFound.text")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 hover:underline">{t("notFound.back")}</Link>
    </main>
  );
}
