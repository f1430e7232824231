"use client";
// Accept or refuse an invitation (from the Clients page, or from the emailed link with its token).
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { acceptInvitation, refuseInvitation } from "@/app/(manager)/clients/actions";
import { buttonClass } from "@/components/ui/styles";
import { useConfirmKey } from "@/components/use-confirm-key";

export function InvitationAnswer({ partnershipId, version, customerName, token }: {
  partnershipId: string;
  version: number;
  customerName: string;
  token?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // One key per answer: accepting and refusing are different changes.
  const acceptKey = useConfirmKey();
  const refuseKey = useConfirmKey();
  const router = useRouter();
  const refuseButton = useRef<HTMLButtonElement>(null);

  const run = (answer: "accept" | "refuse") => {
    setError(null);
    startTransition(async () => {
      const action = answer === "accept" ? acceptInvitation : refuseInvitation;
      const result = await action({ partnershipId, version, ...(token ? { token } : {}), idempotencyKey: (answer === "accept" ? acceptKey : refuseKey).key() });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      router.push(answer === "accept" ? `/clients/${partnershipId}?notice=accepted` : "/clients?notice=refused");
    });
  };

  return (
    <div className="space-y-2">
      {!confirming ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass("primary")} onClick={() => run("accept")} disabled={pending}
            aria-label={`Accept the invitation of ${customerName}`}>
            {pending ? "Saving…" : "Accept"}
          </button>
          <button ref={refuseButton} type="button" className={buttonClass("secondary")} disabled={pending}
            aria-label={`Refuse the invitation of ${customerName}`} onClick={() => setConfirming(true)}>
            Refuse
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`refuse-${partnershipId}`} className="rounded-md border border-slate-200 p-3">
          <p id={`refuse-${partnershipId}`} className="text-sm">
            Refuse the invitation of {customerName}? {customerName} is notified by email and would have to invite you again.
          </p>
          <div className="mt-2 flex gap-2">
            <button type="button" className={buttonClass("primary")} onClick={() => run("refuse")} disabled={pending} autoFocus>
              {pending ? "Saving…" : "Refuse invitation"}
            </button>
            <button type="button" className={buttonClass("secondary")} disabled={pending}
              onClick={() => { setConfirming(false); setTimeout(() => refuseButton.current?.focus(), 0); }}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <p role="alert" className="text-sm text-red-700">{error}</p>
    </div>
  );
}
