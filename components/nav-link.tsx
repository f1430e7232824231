"use client";
// A sidebar link that marks the current section (aria-current), which only the browser's path can tell.
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    // Styled by the sidebar's `shell-nav` (app/globals.css): the markup of every page repeats each link.
    <Link href={href} aria-current={current ? "page" : undefined}>{children}</Link>
  );
}
