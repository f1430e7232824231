// Automatic renewals: every active product whose renewal date has come is renewed for one year,
// billed per the payment mode in force at that moment.
import "server-only";
import { and, asc, eq, lte } from "drizzle-orm";
import { zurichDate } from "@/lib/billing/period";
import { now as clockNow } from "@/lib/clock";
import { getDatabase } from "./client";
import { placeOrder } from "./orders";
import { applyDueSwitches, type SwitchReport } from "./scheduled-switches";

export type RenewalReport = { renewed: number; skipped: number; failed: number; switches?: SwitchReport };

const BATCH = 100;
// A product overdue by several years is renewed once per missed year; this bounds one run.
const MAX_ROUNDS = 50;

/**
 * Idempotent: a renewal moves the product's renewal date forward in the same transaction as its order,
 * conditionally on the date it read, and the order's dedupe key (product + period) is unique. A second
 * run, or two runs at once (the in-app schedule and `npm run renewals`), renews nothing twice.
 * `now` is the app's clock (lib/clock.ts: the real time, or an end-to-end test's time source).
 */
export async function runDueRenewals({ now = clockNow(), shouldStop = () => false }: {
  now?: Date;
  /** Asked before each product: a stopping process or a lost job lease ends the run there. */
  shouldStop?: () => boolean;
} = {}): Promise<RenewalReport> {
  const { db, schema } = getDatabase();
  const { products } = schema;
  const today = zurichDate(now);
  // Scheduled payment-mode switches due today take effect first, so today's renewals are billed per the
  // switched mode (issue #14; each order also resolves its customer's due switches, db/orders.ts).
  const switches = await applyDueSwitches({ now, shouldStop });
  const report: RenewalReport = { renewed: 0, skipped: 0, failed: 0, switches };
  const failedIds = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = await db
      .select({ id: products.id, renewalDate: products.renewalDate })
      .from(products)
      .where(and(eq(products.status, "active"), lte(products.renewalDate, today)))
      .orderBy(asc(products.renewalDate), asc(products.id))
      .limit(BATCH + failedIds.size);
    const todo = due.filter((p) => !failedIds.has(p.id)).slice(0, BATCH);
    if (todo.length === 0) break;
    for (const p of todo) {
      // Give the event loop a turn between products: on SQLite every query completes synchronously, so a
      // long run would otherwise starve requests, timers and a SIGTERM handler until it ends.
      await new Promise((resolve) => setImmediate(resolve));
      if (shouldStop()) return report;
      try {
        const outcome = await placeOrder({
          request: { kind: "renewal", productId: p.id, expectedRenewalDate: p.renewalDate },
          actor: { kind: "system" },
          meta: { requestId: `renewals:${today}`, ip: null, userAgent: "renewal-job" },
          at: now,
        });
        if (outcome.kind === "placed") report.renewed++;
        else if (outcome.reason === "stale") report.skipped++;
        else {
          // Not billable as it stands (e.g. no VAT rate for an EUR payer): leave it for a person to fix.
          console.error(`Renewals: product ${p.id} was not renewed (${outcome.reason})`);
          failedIds.add(p.id);
          report.failed++;
        }
      } catch (error) {
        // One product that cannot be billed (e.g. a missing VAT rate) must not stop the others.
        console.error(`Renewals: product ${p.id} could not be renewed`, error);
        failedIds.add(p.id);
        report.failed++;
      }
    }
  }
  return report;
}
