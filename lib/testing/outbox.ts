// Puts one outbox message in a delivery state the way the worker would: claimed under a lease, then
// marked with the claim's fencing token (the other rows claimed with it are given back).
import { claimDueMessages, markAttemptFailed, markSent, releaseLeases } from "@/db/outbox";

export async function settleMessage(id: string, outcome: { sent: Date } | { error: string; retryAt: Date | null }): Promise<void> {
  const claimed = await claimDueMessages({ now: new Date(), limit: 10_000, leaseMs: 60_000 });
  const row = claimed.find((r) => r.id === id);
  if (!row) throw new Error(`settleMessage: message ${id} is not due`);
  const leaseToken = row.leaseToken!;
  if ("sent" in outcome) await markSent({ ids: [id], leaseToken, at: outcome.sent });
  else await markAttemptFailed({ id, leaseToken, error: outcome.error, retryAt: outcome.retryAt });
  await releaseLeases({ ids: claimed.filter((r) => r.id !== id).map((r) => r.id), leaseToken });
}
