import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Notice, noticeFrom } from "@/components/notice";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { getViewer } from "@/lib/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES = { "signed-out-everywhere": "You were signed out on every browser and device." };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const next = safeRedirectPath(params.next, env().APP_URL);
  if (await getViewer()) redirect(next);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="mb-1 text-2xl font-semibold">Partner Manager</h1>
      <p className="mb-6 text-sm text-slate-600">Sign in to manage your partners and who pays.</p>
      <div className="mb-4"><Notice text={noticeFrom(params.notice, NOTICES)} /></div>
      <LoginForm next={next} />
    </main>
  );
}
