// The idempotency key of one confirm (lib/action.ts): made when the step opens, sent with every try of
// that step, renewed after a success. A retry after a lost response sends the same key and gets the
// first result back instead of "changed by someone else meanwhile".
import { useMemo, useRef } from "react";

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function useConfirmKey(): { key: () => string; renew: () => void } {
  const ref = useRef<string | null>(null);
  return useMemo(() => ({
    key: () => (ref.current ??= newKey()),
    renew: () => { ref.current = newKey(); },
  }), []);
}
