// Who may open the auditor's console: users flagged as platform auditors, read from the database on
// every request. Everyone else gets a real 404, never a hint that the console exists.
import "server-only";
import { notFound } from "next/navigation";
import { getViewer, requireViewer, type Viewer } from "@/lib/session";

/** For pages: the auditor, or a 404 thrown before anything streams (no loading.tsx above /audit). */
export async function requireAuditor(): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!viewer.isAuditor) notFound();
  return viewer;
}

/** For route handlers: the auditor, or null (answer 404; a signed-out caller learns nothing either). */
export async function auditorOrNull(): Promise<Viewer | null> {
  const viewer = await getViewer();
  return viewer?.isAuditor ? viewer : null;
}

export const notFoundResponse = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
