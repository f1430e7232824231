"use client";
// "Retry now" for one failed notification: calls the server action and announces its answer.
// Rendered on every row so that, when the action's refresh turns the row from failed to pending
// and the button goes, the component (and the message in its live region) stays mounted.
import { useState, useTransition } from "react";
import { RotateCw } from "lucide-react";
import { buttonClass } from "@/components/ui/styles";
import { retryNotification } from "../actions";
import { useConfirmKey } from "@/components/use-confirm-key";

/** `words` come translated from the server page: the button's name (with the recipient), its text, its pending text. */
export function RetryButton({ notificationId, failed, words }: { notificationId: string; failed: boolean; words: { label: string; button: string; pending: string } }) {
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  return (
    <div className="space-y-1">
      {failed && (
        <button
          type="button"
          className={buttonClass("secondary")}
          disabled={pending}
          aria-label={words.label}
          onClick={() => startTransition(async () => setResult(await retryNotification({ notificationId, idempotencyKey: confirmKey.key() })))}
        >
          <RotateCw aria-hidden className="size-4" /> {pending ? words.pending : words.button}
        </button>
      )}
      <p role="status" className={`text-xs ${result?.ok ? "text-green-800" : "text-red-700"}`}>{result?.message}</p>
    </div>
  );
}
