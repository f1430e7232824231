"use client";
// An identifier shortened to its first characters, with a button that copies the whole of it. If the
// browser refuses the clipboard, the whole identifier is shown instead, selectable.
import { useState } from "react";
import { Copy } from "lucide-react";

export function CopyId({ id, label, done }: { id: string; label: string; done: string }) {
  const [state, setState] = useState<"idle" | "copied" | "shown">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(id);
      setState("copied");
    } catch {
      setState("shown");
    }
  };
  return (
    <span className="inline-flex items-center gap-1 align-middle">
      <code className="font-mono text-xs break-all">{state === "shown" ? id : `${id.slice(0, 8)}…`}</code>
      <button type="button" onClick={copy} aria-label={label} className="rounded p-0.5 text-slate-500 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600">
        <Copy aria-hidden className="size-3.5" />
      </button>
      <span role="status" className="sr-only">{state === "copied" ? done : ""}</span>
    </span>
  );
}
