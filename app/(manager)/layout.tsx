import { ManagerShell } from "@/components/manager-shell";
import { requireViewer } from "@/lib/session";

export default async function ManagerLayout({ children }: LayoutProps<"/">) {
  const viewer = await requireViewer();
  return <ManagerShell viewer={viewer}>{children}</ManagerShell>;
}
