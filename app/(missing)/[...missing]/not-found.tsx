import Link from "next/link";
import { NotFoundContent } from "@/components/not-found-content";
import { getViewer } from "@/lib/session";

export default async function MissingNotFound() {
  return <NotFoundContent withTitle link={Link} centered={!(await getViewer())} />;
}
