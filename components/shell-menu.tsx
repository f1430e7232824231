"use client";
// The sidebar, and below the md breakpoint a top bar whose menu button discloses it over the page.
// While open: focus stays inside (the button and the sidebar), Escape closes and gives focus back to the
// button, the page behind is inert, and following a link closes it (the menu is open "at" a pathname).
import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

type Props = { appName: string; menuLabel: string; label: string; children: React.ReactNode };

export function ShellMenu({ appName, menuLabel, label, children }: Props) {
  const pathname = usePathname();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const scope = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (returnFocus: boolean) => {
      setOpenAt(null);
      if (returnFocus) button.current?.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        close(true);
      } else if (e.key === "Tab" && scope.current) {
        const items = [...scope.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
        const first = items[0];
        const last = items[items.length - 1];
        if (!first || !last) return;
        const inside = scope.current.contains(document.activeElement);
        if (e.shiftKey && (document.activeElement === first || !inside)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    // Widening the window past md shows the sidebar in place: the overlay and its trap end.
    const wide = window.matchMedia("(min-width: 48rem)");
    const onWide = () => wide.matches && close(false);
    const main = document.getElementById("main");
    main?.setAttribute("inert", "");
    document.body.style.overflow = "hidden";
    document.addEventListener("keydown", onKey);
    wide.addEventListener("change", onWide);
    return () => {
      main?.removeAttribute("inert");
      document.body.style.overflow = "";
      document.removeEventListener("keydown", onKey);
      wide.removeEventListener("change", onWide);
    };
  }, [open]);

  return (
    <div ref={scope} className={open ? "fixed inset-0 z-40 flex flex-col bg-white md:contents" : "contents"}>
      <header className="sticky top-0 z-30 flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-2 md:hidden">
        <p className="min-w-0 text-sm font-semibold break-words text-brand-900">{appName}</p>
        <button ref={button} type="button" aria-expanded={open} aria-controls="sidebar"
          onClick={() => setOpenAt(open ? null : pathname)}
          className="inline-flex shrink-0 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          {open ? <X aria-hidden className="size-4" /> : <Menu aria-hidden className="size-4" />}
          {menuLabel}
        </button>
      </header>
      <aside id="sidebar" aria-label={label}
        className={`${open ? "flex min-h-0 flex-1 overflow-y-auto" : "hidden"} flex-col bg-white md:flex md:w-64 md:shrink-0 md:border-r md:border-slate-200`}>
        {children}
      </aside>
    </div>
  );
}
