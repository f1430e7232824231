"use client";
// After a client navigation (a new pathname, not a first load nor a filter's query change), moves focus
// to the page's h1, so keyboard and screen-reader users start at the new page instead of <body>. The
// heading is made focusable here, at run time, so no page has to remember tabIndex={-1}.
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export function FocusHeading() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus();
  }, [pathname]);
  return null;
}
