// notFound() from any signed-in page: rendered inside the manager layout, so the sidebar stays and the
// layout's `main` is the only one.
import Link from "next/link";
import { NotFoundContent } from "@/components/not-found-content";

export default function ManagerNotFound() {
  return <NotFoundContent withTitle link={Link} />;
}
