// notFound() from the root layout itself. Kept small and without the session: Next renders the root
// not-found into every page's payload. Unknown addresses are app/(missing)/[...missing] (the shell for
// a signed-in user); notFound() from a signed-in page is app/(manager)/not-found.tsx.
import { NotFoundContent } from "@/components/not-found-content";
import { getTranslations } from "@/lib/i18n/server";

export async function generateMetadata() {
  return { title: (await getTranslations("common"))("notFound.title") };
}

export default function NotFound() {
  return (
    <main className="px-6 py-24">
      <NotFoundContent centered />
    </main>
  );
}
