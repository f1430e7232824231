"use client";
// The Payment and Access sections render on the server as plain views; their editors (react-hook-form,
// zod and the steps) are separate chunks loaded when the pencil is pressed (and prefetched when it is
// hovered or focused), so a visit that only reads the page does not download them (docs/benchmarks.md).
import { createContext, lazy, Suspense, useContext, useState, type ComponentProps, type ReactNode } from "react";
import { Pencil } from "lucide-react";
import { buttonClass } from "@/components/ui/styles";
import type { AccessSection } from "./access-section";
import type { PaymentSection } from "./payment-section";

const load = { payment: () => import("./payment-section"), access: () => import("./access-section") };
const PaymentEditor = lazy(() => load.payment().then((m) => ({ default: m.PaymentSection })));
const AccessEditor = lazy(() => load.access().then((m) => ({ default: m.AccessSection })));

type Editor =
  | { editor: "payment"; props: Omit<ComponentProps<typeof PaymentSection>, "startEditing"> }
  | { editor: "access"; props: Omit<ComponentProps<typeof AccessSection>, "startEditing"> };

const Opener = createContext<{ open(): void; prefetch(): void } | null>(null);

/** Shows `children` (the server-rendered view, with an EditButton) until the editor is opened. */
export function DeferredEditor({ children, ...editor }: Editor & { children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  if (!opened) {
    return <Opener value={{ open: () => setOpened(true), prefetch: () => void load[editor.editor]().catch(() => undefined) }}>{children}</Opener>;
  }
  return (
    <Suspense fallback={children}>
      {editor.editor === "payment" ? <PaymentEditor {...editor.props} startEditing /> : <AccessEditor {...editor.props} startEditing />}
    </Suspense>
  );
}

/** The pencil of a deferred section: opens its editor, which then takes the focus. */
export function EditButton({ label }: { label: string }) {
  const opener = useContext(Opener);
  return (
    <button type="button" aria-label={label} title={label} className={buttonClass("ghost")}
      onClick={() => opener?.open()} onPointerEnter={() => opener?.prefetch()} onFocus={() => opener?.prefetch()}>
      <Pencil aria-hidden className="size-4" />
    </button>
  );
}
