// An unknown address: a signed-in user gets it inside the shell (sidebar, one `main`); a visitor gets a
// page of its own, in the browser's language.
import { ManagerShell } from "@/components/manager-shell";
import { NotFoundContent } from "@/components/not-found-content";
import { getTranslations } from "@/lib/i18n/server";
import { getViewer } from "@/lib/session";

export async function generateMetadata() {
  return { title: (await getTranslations("common"))("notFound.title") };
}

export default async function NotFound() {
  const viewer = await getViewer();
  if (viewer) return <ManagerShell viewer={viewer}><NotFoundContent /></ManagerShell>;
  return (
    <main className="px-6 py-24">
      <NotFoundContent centered />
    </main>
  );
}
