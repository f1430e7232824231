// Pieces of an audit event as the console shows them: before → after, where the request came from,
// and a notification's delivery state.
import { Badge } from "@/components/ui/badge";
import { describeChange } from "@/lib/audit-format";
import type { OutboxStatus } from "@/lib/domain";
import { formatDateTime } from "@/lib/format";

export function ChangeLines({ before, after, refused }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null; refused: boolean }) {
  const lines = describeChange(before, after);
  if (lines.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <div>
      {refused && !before && <p className="text-xs text-slate-500">Asked for:</p>}
      <ul className="space-y-0.5">
        {lines.map((l) => (
          <li key={l.field}>
            <span className="text-slate-500">{l.label}:</span> {l.from !== null && <>{l.from} → </>}{l.to ?? "—"}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RequestDetails({ ip, userAgent, requestId }: { ip: string | null; userAgent: string | null; requestId: string | null }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      <dt className="text-slate-500">IP</dt><dd>{ip ?? "unknown"}</dd>
      <dt className="text-slate-500">User agent</dt><dd className="max-w-xs break-words">{userAgent ?? "unknown"}</dd>
      <dt className="text-slate-500">Request id</dt><dd className="break-all font-mono">{requestId ?? "—"}</dd>
    </dl>
  );
}

const STATE_LABELS: Record<OutboxStatus, string> = { pending: "Pending", sent: "Sent", failed: "Failed" };

export function DeliveryState({ n }: {
  n: { status: OutboxStatus; attempts: number; sentAt: Date | null; lastError: string | null; nextAttemptAt: Date };
}) {
  const tone = n.status === "sent" ? "green" : n.status === "failed" ? "amber" : "slate";
  return (
    <div className="space-y-0.5">
      <Badge tone={tone}>{STATE_LABELS[n.status]}</Badge>
      <p className="text-xs text-slate-600">
        {n.status === "sent" && n.sentAt ? `Sent ${formatDateTime(n.sentAt)}` : n.status === "pending" ? `Next attempt ${formatDateTime(n.nextAttemptAt)}` : "Gave up"}
        {" · "}{n.attempts} attempt{n.attempts === 1 ? "" : "s"}
      </p>
      {n.lastError && <p className="max-w-xs break-words text-xs text-red-700">Last error: {n.lastError}</p>}
    </div>
  );
}
