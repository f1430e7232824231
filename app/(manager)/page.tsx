import { redirect } from "next/navigation";
import { navigationFor } from "@/lib/navigation";
import { requireViewer } from "@/lib/session";

export default async function HomePage() {
  const viewer = await requireViewer();
  const [first] = navigationFor(viewer);
  if (first) redirect(first.href);
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title" className="text-2xl font-semibold">Welcome, {viewer.name}</h1>
      <p className="mt-2 text-slate-600">You are not a member of any organization yet.</p>
    </section>
  );
}
