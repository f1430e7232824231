// Reminders for overdue invoices: one email per invoice and threshold (10 and 30 days past due), through
// the outbox. Idempotent: the reminder's row (primary key: invoice and level) is inserted in the same
// transaction as its emails, and only an inserted row sends; a second run, or two runs at once, find
// nothing left to do (and the emails' dedupe keys would refuse a second copy anyway).
import "server-only";
import { and, asc, eq, gte, inArray, lte, notExists } from "drizzle-orm";
import { billingNow } from "@/lib/billing/clock";
import { zurichDate } from "@/lib/billing/period";
import { daysPastDue, dueDatesForLevel, REMINDER_LEVELS } from "@/lib/billing/terms";
import { getDatabase } from "./client";
import { queueInvoiceReminder } from "./invoice-notices";
import { dueAtOnce } from "./outbox";

export type ReminderReport = { sent: number };

const BATCH = 100;

export async function runDueReminders({ now = billingNow(), shouldStop = () => false }: { now?: Date; shouldStop?: () => boolean } = {}): Promise<ReminderReport> {
  const { db, schema, transaction } = getDatabase();
  const { invoices, invoiceReminders, invoiceLines, organizations } = schema;
  const today = zurichDate(now);
  const report: ReminderReport = { sent: 0 };
  for (const level of REMINDER_LEVELS) {
    const window = dueDatesForLevel(level, today);
    for (;;) {
      // Give the event loop a turn between batches (on SQLite queries complete synchronously).
      await new Promise((resolve) => setImmediate(resolve));
      if (shouldStop()) return report;
      // invoices_status_due_idx: the unpaid invoices due within the level's window, without its reminder.
      const due = await db
        .select({
          id: invoices.id, orgId: invoices.orgId, number: invoices.number, totalMinor: invoices.totalMinor, currency: invoices.currency,
          dueDate: invoices.dueDate, payerName: organizations.name,
        })
        .from(invoices)
        .innerJoin(organizations, eq(organizations.id, invoices.orgId))
        .where(and(
          eq(invoices.status, "unpaid"), gte(invoices.dueDate, window.from), lte(invoices.dueDate, window.to),
          notExists(db.select({ one: invoiceReminders.level }).from(invoiceReminders)
            .where(and(eq(invoiceReminders.invoiceId, invoices.id), eq(invoiceReminders.level, level)))),
        ))
        .orderBy(asc(invoices.dueDate), asc(invoices.id))
        .limit(BATCH);
      if (due.length === 0) break;
      const lines = await db.select({ invoiceId: invoiceLines.invoiceId, description: invoiceLines.description, code: invoiceLines.code, params: invoiceLines.params })
        .from(invoiceLines).where(and(inArray(invoiceLines.invoiceId, due.map((d) => d.id)), eq(invoiceLines.position, 1)));
      // Counted from what the committed run returns: a run PostgreSQL aborted and ran again counts once.
      report.sent += await transaction(async (tx) => {
        let sent = 0;
        for (const inv of due) {
          // Still unpaid (a payment may have landed since the read) and not reminded by a concurrent run.
          const [still] = await tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.id, inv.id), eq(invoices.status, "unpaid")));
          if (!still) continue;
          const inserted = await tx.insert(invoiceReminders).values({ invoiceId: inv.id, level, sentAt: now }).onConflictDoNothing().returning({ id: invoiceReminders.invoiceId });
          if (inserted.length === 0) continue;
          const line = lines.find((l) => l.invoiceId === inv.id) ?? { description: inv.number, code: null, params: null };
          await queueInvoiceReminder(tx, { ...inv, dueDate: inv.dueDate!, firstLine: line }, level, daysPastDue(inv.dueDate!, today), dueAtOnce(now));
          sent++;
        }
        return sent;
      });
    }
  }
  return report;
}

/** The reminders an invoice has had, oldest first (the invoice page lists them). */
export async function listInvoiceReminders({ invoiceId }: { invoiceId: string }) {
  const { db, schema } = getDatabase();
  const r = schema.invoiceReminders;
  return db.select({ level: r.level, sentAt: r.sentAt }).from(r).where(eq(r.invoiceId, invoiceId)).orderBy(asc(r.level));
}
