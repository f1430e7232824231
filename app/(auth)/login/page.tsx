import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Notice, noticeFrom } from "@/components/notice";
import { env } from "@/lib/env";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getTranslations } from "@/lib/i18n/server";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { getViewer } from "@/lib/session";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const next = safeRedirectPath(params.next, env().APP_URL);
  if (await getViewer()) redirect(next);
  const [t, tCommon] = await Promise.all([getTranslations("auth"), getTranslations("common")]);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="mb-1 text-2xl font-semibold">{tCommon("appName")}</h1>
      <p className="mb-6 text-sm text-slate-600">{t("intro")}</p>
      <div className="mb-4"><Notice text={noticeFrom(params.notice, { "signed-out-everywhere": t("signedOutEverywhere") })} /></div>
      <ClientMessages namespaces={["auth"]}>
        <LoginForm next={next} />
      </ClientMessages>
    </main>
  );
}
