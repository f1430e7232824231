import { NotFoundContent } from "@/components/not-found-content";
import { getViewer } from "@/lib/session";

export default async function MissingNotFound() {
  return <NotFoundContent withTitle centered={!(await getViewer())} />;
}
