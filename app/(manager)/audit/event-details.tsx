// Pieces of an audit event as the console shows them: before → after, where the request came from,
// and a notification's delivery state. Server components: the words come from audit-words.ts.
import { Badge } from "@/components/ui/badge";
import { describeChange, valueText, type AuditValue } from "@/lib/audit-format";
import type { OutboxStatus } from "@/lib/domain";
import { formatDateTime } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { AuditText } from "./audit-words";
import { CopyId } from "./copy-id";

/** An identifier shortened, with its copy button; any other value as words. */
export function Value({ v, a }: { v: AuditValue; a: AuditText }) {
  if (v.type === "id") return <CopyId id={v.id} label={a.t("copy.label", { id: `${v.id.slice(0, 8)}…` })} done={a.t("copy.done")} />;
  return <>{valueText(v, a.words)}</>;
}

export function ChangeLines({ before, after, refused, a }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null; refused: boolean; a: AuditText }) {
  const lines = describeChange(before, after);
  if (lines.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <div>
      {refused && !before && <p className="text-xs text-slate-500">{a.t("change.askedFor")}</p>}
      <ul className="space-y-0.5">
        {lines.map((l) => (
          <li key={l.field}>
            <span className="text-slate-500">{a.t("change.label", { field: a.words.field(l.field) })}</span>{" "}
            {l.from !== null && <><Value v={l.from} a={a} />{" → "}</>}
            {l.to ? <Value v={l.to} a={a} /> : "—"}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RequestDetails({ ip, userAgent, requestId, a }: { ip: string | null; userAgent: string | null; requestId: string | null; a: AuditText }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      <dt className="text-slate-500">{a.t("request.ip")}</dt><dd>{ip ?? a.t("request.unknown")}</dd>
      <dt className="text-slate-500">{a.t("request.browser")}</dt>
      <dd className="max-w-xs">
        {userAgent ? (
          <details>
            <summary className="cursor-pointer">{a.browser(userAgent)}</summary>
            <span className="sr-only">{a.t("request.fullUserAgent")}: </span><span className="break-words text-slate-600">{userAgent}</span>
          </details>
        ) : a.t("request.unknown")}
      </dd>
      <dt className="text-slate-500">{a.t("request.requestId")}</dt>
      <dd>{requestId ? <CopyId id={requestId} label={a.t("copy.label", { id: `${requestId.slice(0, 8)}…` })} done={a.t("copy.done")} /> : "—"}</dd>
    </dl>
  );
}

export const DELIVERY_TONES: Record<OutboxStatus, "green" | "amber" | "slate"> = { sent: "green", failed: "amber", pending: "slate" };

type Delivery = { status: OutboxStatus; attempts: number; sentAt: Date | null; lastError: string | null; nextAttemptAt: Date };

/** A notification's delivery in words: the state's name, when (sent, next attempt, given up) with the attempts, and the last error. */
export function deliveryText(n: Delivery, a: AuditText, locale: Locale): { state: string; line: string; error: string } {
  const at = (d: Date) => formatDateTime(d, locale);
  const when = n.status === "sent" && n.sentAt ? a.t("delivery.sentAt", { at: at(n.sentAt) })
    : n.status === "pending" ? a.t("delivery.nextAttempt", { at: at(n.nextAttemptAt) }) : a.t("delivery.gaveUp");
  return {
    state: a.d(`outboxStatus.${n.status}`),
    line: `${when} · ${a.t("delivery.attempts", { count: n.attempts })}`,
    error: n.lastError ? a.t("delivery.lastError", { error: n.lastError }) : "",
  };
}

export function DeliveryState({ n, a, locale }: { n: Delivery; a: AuditText; locale: Locale }) {
  const { state, line, error } = deliveryText(n, a, locale);
  return (
    <div className="space-y-0.5">
      <Badge tone={DELIVERY_TONES[n.status]}>{state}</Badge>
      <p className="text-xs text-slate-600">{line}</p>
      {error && <p className="max-w-xs break-words text-xs text-red-700">{error}</p>}
    </div>
  );
}
