// Keyset pagination links: back to the first page, or on to the page after the last row shown.
import Link from "next/link";
import { buttonClass } from "./ui/styles";

export function Pager({ firstHref, nextHref, isFirst, label }: { firstHref: string; nextHref: string | null; isFirst: boolean; label: string }) {
  if (isFirst && !nextHref) return null;
  return (
    <nav aria-label={label} className="flex gap-2">
      {!isFirst && <Link href={firstHref} className={buttonClass("secondary")}>First page</Link>}
      {nextHref && <Link href={nextHref} className={buttonClass("secondary")}>Next page</Link>}
    </nav>
  );
}
