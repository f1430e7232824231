// An unknown address: a signed-in user gets the 404 inside the shell (sidebar, one `main`); a visitor
// gets a page of its own, in the browser's language (see page.tsx).
import { ManagerShell } from "@/components/manager-shell";
import { getViewer } from "@/lib/session";

export default async function MissingLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (viewer) return <ManagerShell viewer={viewer}>{children}</ManagerShell>;
  return <main className="px-6 py-24">{children}</main>;
}
