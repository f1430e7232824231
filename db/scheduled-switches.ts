// Scheduled payment-mode switches (issue #14): schedule, replace, cancel (customer's legal representatives,
// with the partnership's version check), and the job's side: applied once at 00:00 Europe/Zurich of their
// date, before that day's renewals, or dropped with the reason. Every step is one transaction with its
// audit event and its emails (docs/billing.md, "Scheduled switches").
//
// Scheduling, replacing and cancelling bump the partnership's version like any change of it, so an editor
// open elsewhere gets the usual "changed meanwhile". The switch stores the version it left the partnership
// at: any later change (access, payment mode, end) moves it on, and the switch is then dropped at its date.
//
// Exactly once: resolving a switch locks its partnership row (PostgreSQL), then moves the switch out of
// "pending" with a conditional UPDATE; of two job runs (or a run and an order) racing, the second finds it
// resolved and writes nothing. SQLite runs write transactions one at a time.
import "server-only";
import { aliasedTable, and, asc, eq, lte } from "drizzle-orm";
import { zurichDate } from "@/lib/billing/period";
import { now as clockNow } from "@/lib/clock";
import type { AccessLevel, PartnershipStatus, PaymentMode } from "@/lib/domain";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { mailFooter } from "@/lib/mail/outbox-rows";
import { switchAppliedEmail, switchCancelledEmail, switchDroppedEmail, switchScheduledEmail } from "@/lib/mail/schedule-templates";
import { switchOutcome } from "@/lib/scheduled-switch";
import { insertAuditEvent, type RequestMeta } from "./audit";
import { getDatabase, type Executor, type Tx } from "./client";
import { dueAtOnce, enqueueMessages, type NewMessage } from "./outbox";
import { listOrgMembersWithRole, type Recipient } from "./users";

export type PendingSwitch = {
  id: string;
  partnershipId: string;
  paymentMode: PaymentMode;
  effectiveDate: string;
  partnershipVersion: number;
  scheduledAt: Date;
  scheduledByUserId: string;
  scheduledByName: string;
};

/** The pending switch of a partnership, with who scheduled it, or null. */
export async function getPendingSwitch(ex: Executor | null, { partnershipId }: { partnershipId: string }): Promise<PendingSwitch | null> {
  const { db, schema } = getDatabase();
  const { scheduledSwitches: s, users } = schema;
  const [row] = await (ex ?? db)
    .select({
      id: s.id, partnershipId: s.partnershipId, paymentMode: s.paymentMode, effectiveDate: s.effectiveDate,
      partnershipVersion: s.partnershipVersion, scheduledAt: s.scheduledAt, scheduledByUserId: s.scheduledByUserId, scheduledByName: users.name,
    })
    .from(s)
    .innerJoin(users, eq(users.id, s.scheduledByUserId))
    .where(and(eq(s.partnershipId, partnershipId), eq(s.status, "pending")))
    .limit(1);
  return row ?? null;
}

type PartnershipRow = {
  id: string; customerOrgId: string; partnerOrgId: string; status: PartnershipStatus; access: AccessLevel; paymentMode: PaymentMode; version: number;
  customerName: string; partnerName: string;
};

/** The partnership with both names; on PostgreSQL its row locked for the transaction (FOR UPDATE). */
async function lockPartnership(tx: Tx, id: string): Promise<PartnershipRow | null> {
  const database = getDatabase();
  const { partnerships: p } = database.schema;
  const customer = aliasedTable(database.schema.organizations, "customer");
  const partner = aliasedTable(database.schema.organizations, "partner");
  const query = tx.select({
    id: p.id, customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId, status: p.status, access: p.access,
    paymentMode: p.paymentMode, version: p.version, customerName: customer.name, partnerName: partner.name,
  }).from(p)
    .innerJoin(customer, eq(customer.id, p.customerOrgId))
    .innerJoin(partner, eq(partner.id, p.partnerOrgId))
    .where(eq(p.id, id));
  const [row] = database.dialect === "postgres" ? await query.for("update", { of: p }) : await query;
  return row ?? null;
}

const partnerUrl = (id: string) => `${env().APP_URL}/clients/${id}`;
const customerUrl = (id: string) => `${env().APP_URL}/partners/${id}`;

/** One outbox row per recipient, keyed by the step so a retried transaction never queues it twice. */
function rows(recipients: Recipient[], o: { template: string; key: string; partnershipId: string; auditEventId: string; render: (r: Recipient) => ReturnType<typeof switchScheduledEmail> }): NewMessage[] {
  return recipients.map((r) => {
    const mail = o.render(r);
    return {
      dedupeKey: `${o.key}:${r.userId}`, template: o.template, toUserId: r.userId, toAddress: r.email, subject: mail.subject,
      textBody: mail.text, htmlBody: mail.html, locale: mail.locale, partnershipId: o.partnershipId, auditEventId: o.auditEventId,
    };
  });
}

const legalReps = (tx: Tx, orgId: string) => listOrgMembersWithRole(tx, { orgId, role: "legal_representative" });

export type Actor = { userId: string; orgId: string; name: string };

export type ScheduleOutcome =
  | { kind: "scheduled"; version: number; switchId: string; replaced: boolean }
  | { kind: "conflict" };

/**
 * Schedules a switch to `paymentMode` at `effectiveDate` (00:00 Zurich), replacing a pending one, if the
 * partnership is still at `expectedVersion`, active and with full access. The caller checked who asks,
 * the date and that the mode differs from the current one.
 */
export async function scheduleSwitch(args: {
  partnershipId: string; expectedVersion: number; paymentMode: PaymentMode; effectiveDate: string; actor: Actor; meta: RequestMeta; at?: Date;
}): Promise<ScheduleOutcome> {
  const { actor } = args;
  const database = getDatabase();
  const { partnerships, scheduledSwitches } = database.schema;
  return database.transaction(async (tx) => {
    const at = args.at ?? new Date();
    const [updated] = await tx.update(partnerships).set({ version: args.expectedVersion + 1, updatedAt: at })
      .where(and(
        eq(partnerships.id, args.partnershipId), eq(partnerships.customerOrgId, actor.orgId), eq(partnerships.version, args.expectedVersion),
        eq(partnerships.status, "active"), eq(partnerships.access, "full"),
      ))
      .returning({ version: partnerships.version });
    if (!updated) return { kind: "conflict" } as const;
    const p = (await lockPartnership(tx, args.partnershipId))!;
    const previous = await getPendingSwitch(tx, { partnershipId: p.id });
    if (previous) {
      await tx.update(scheduledSwitches).set({ status: "replaced", resolvedAt: at, resolvedByUserId: actor.userId })
        .where(and(eq(scheduledSwitches.id, previous.id), eq(scheduledSwitches.status, "pending")));
    }
    const switchId = newId();
    await tx.insert(scheduledSwitches).values({
      id: switchId, partnershipId: p.id, paymentMode: args.paymentMode, effectiveDate: args.effectiveDate, status: "pending",
      partnershipVersion: updated.version, scheduledByUserId: actor.userId, scheduledAt: at,
    });
    const auditEventId = await insertAuditEvent(tx, {
      kind: previous ? "scheduled_switch.replaced" : "scheduled_switch.scheduled", outcome: "ok",
      actorUserId: actor.userId, actorOrgId: actor.orgId, partnershipId: p.id, customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId,
      before: previous
        ? { switchId: previous.id, paymentMode: previous.paymentMode, effectiveDate: previous.effectiveDate, version: args.expectedVersion }
        : { paymentMode: p.paymentMode, version: args.expectedVersion },
      after: { switchId, paymentMode: args.paymentMode, effectiveDate: args.effectiveDate, version: updated.version },
      meta: args.meta, at,
    });
    await enqueueMessages(tx, rows(await legalReps(tx, p.partnerOrgId), {
      template: "payment-mode-switch-scheduled", key: `switch-scheduled:${switchId}`, partnershipId: p.id, auditEventId,
      render: (r) => switchScheduledEmail({
        locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName, url: partnerUrl(p.id),
        footer: mailFooter(r, p.partnerName, "clients"), actorName: actor.name, from: p.paymentMode, to: args.paymentMode, effectiveDate: args.effectiveDate,
        replaces: previous ? { to: previous.paymentMode, effectiveDate: previous.effectiveDate } : null,
      }),
    }), at);
    return { kind: "scheduled", version: updated.version, switchId, replaced: previous !== null } as const;
  });
}

export type CancelOutcome = { kind: "cancelled"; version: number } | { kind: "conflict" } | { kind: "no_pending" };

/** Cancels the pending switch if the partnership is still at `expectedVersion`; the partner is emailed. */
export async function cancelSwitch(args: { partnershipId: string; expectedVersion: number; actor: Actor; meta: RequestMeta; at?: Date }): Promise<CancelOutcome> {
  const { actor } = args;
  const database = getDatabase();
  const { partnerships } = database.schema;
  class NoPending extends Error {}
  try {
    return await database.transaction(async (tx) => {
      const at = args.at ?? new Date();
      const [updated] = await tx.update(partnerships).set({ version: args.expectedVersion + 1, updatedAt: at })
        .where(and(
          eq(partnerships.id, args.partnershipId), eq(partnerships.customerOrgId, actor.orgId), eq(partnerships.version, args.expectedVersion),
        ))
        .returning({ version: partnerships.version });
      if (!updated) return { kind: "conflict" } as const;
      const cancelled = await cancelPendingSwitchInTx(tx, { partnershipId: args.partnershipId, actor, meta: args.meta, at, because: "cancelled", version: updated.version });
      // Nothing to cancel: the version bump is rolled back with the transaction.
      if (!cancelled) throw new NoPending();
      return { kind: "cancelled", version: updated.version } as const;
    });
  } catch (error) {
    if (error instanceof NoPending) return { kind: "no_pending" };
    throw error;
  }
}

/**
 * Cancels the partnership's pending switch inside the caller's transaction (a cancel, or an access
 * downgrade full → limited, which changes the partnership itself): audit event and the partner's email.
 * False when there was none.
 */
export async function cancelPendingSwitchInTx(tx: Tx, args: {
  partnershipId: string; actor: Actor; meta: RequestMeta; at: Date; because: "cancelled" | "access_limited"; version: number;
}): Promise<boolean> {
  const { scheduledSwitches } = getDatabase().schema;
  const pending = await getPendingSwitch(tx, { partnershipId: args.partnershipId });
  if (!pending) return false;
  const [done] = await tx.update(scheduledSwitches).set({ status: "cancelled", resolvedAt: args.at, resolvedByUserId: args.actor.userId })
    .where(and(eq(scheduledSwitches.id, pending.id), eq(scheduledSwitches.status, "pending")))
    .returning({ id: scheduledSwitches.id });
  if (!done) return false;
  const p = (await lockPartnership(tx, args.partnershipId))!;
  const auditEventId = await insertAuditEvent(tx, {
    kind: "scheduled_switch.cancelled", outcome: "ok", reason: args.because === "access_limited" ? "access_limited" : null,
    actorUserId: args.actor.userId, actorOrgId: args.actor.orgId, partnershipId: p.id, customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId,
    before: { switchId: pending.id, paymentMode: pending.paymentMode, effectiveDate: pending.effectiveDate, status: "pending" },
    after: { switchId: pending.id, status: "cancelled", version: args.version },
    meta: args.meta, at: args.at,
  });
  await enqueueMessages(tx, rows(await legalReps(tx, p.partnerOrgId), {
    template: "payment-mode-switch-cancelled", key: `switch-cancelled:${pending.id}`, partnershipId: p.id, auditEventId,
    render: (r) => switchCancelledEmail({
      locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName, url: partnerUrl(p.id),
      footer: mailFooter(r, p.partnerName, "clients"), actorName: args.actor.name, to: pending.paymentMode, current: p.paymentMode, effectiveDate: pending.effectiveDate, because: args.because,
    }),
  }), args.at);
  return true;
}

type DueSwitch = { id: string; partnershipId: string; paymentMode: PaymentMode; effectiveDate: string; partnershipVersion: number; scheduledAt: Date };

const JOB_META = (today: string): RequestMeta => ({ requestId: `scheduled-switches:${today}`, ip: null, userAgent: "renewal-job" });

/**
 * Applies or drops one due switch in the caller's transaction; "skipped" when another transaction
 * resolved it first. The partnership row is locked before the switch is claimed, so the decision is
 * taken on the partnership as it is at commit.
 */
export async function resolveSwitchInTx(tx: Tx, sw: DueSwitch, at: Date): Promise<"applied" | "dropped" | "skipped"> {
  const { partnerships, scheduledSwitches } = getDatabase().schema;
  const p = await lockPartnership(tx, sw.partnershipId);
  if (!p) return "skipped";
  const outcome = switchOutcome(p, sw);
  const [claimed] = await tx.update(scheduledSwitches)
    .set({ status: outcome.apply ? "applied" : "dropped", resolvedAt: at, dropReason: outcome.apply ? null : outcome.reason })
    .where(and(eq(scheduledSwitches.id, sw.id), eq(scheduledSwitches.status, "pending")))
    .returning({ id: scheduledSwitches.id });
  if (!claimed) return "skipped";
  const meta = JOB_META(sw.effectiveDate);
  const queuedAt = dueAtOnce(at);
  const base = { outcome: "ok" as const, actorUserId: null, actorOrgId: null, partnershipId: p.id, customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId, meta, at };
  const common = { customerName: p.customerName, partnerName: p.partnerName };

  if (!outcome.apply) {
    const auditEventId = await insertAuditEvent(tx, {
      ...base, kind: "scheduled_switch.dropped", reason: outcome.reason,
      before: { switchId: sw.id, paymentMode: sw.paymentMode, effectiveDate: sw.effectiveDate, scheduledAtVersion: sw.partnershipVersion },
      after: { status: p.status, access: p.access, paymentMode: p.paymentMode, version: p.version },
    });
    const render = (url: string, side: { orgName: string; page: "partners" | "clients" }) => (r: Recipient) => switchDroppedEmail({
      locale: r.locale, recipientName: r.name, ...common, url, footer: mailFooter(r, side.orgName, side.page), to: sw.paymentMode, current: p.paymentMode, effectiveDate: sw.effectiveDate, reason: outcome.reason,
    });
    // An ended partnership is gone from the partner's pages (a 404 there) and its end was emailed: the
    // customer, who keeps it in its history, is told; the former partner is not.
    const partnerReps = outcome.reason === "ended" ? [] : await legalReps(tx, p.partnerOrgId);
    await enqueueMessages(tx, [
      ...rows(await legalReps(tx, p.customerOrgId), { template: "payment-mode-switch-dropped", key: `switch-dropped:${sw.id}`, partnershipId: p.id, auditEventId, render: render(customerUrl(p.id), { orgName: p.customerName, page: "partners" }) }),
      ...rows(partnerReps, { template: "payment-mode-switch-dropped", key: `switch-dropped:${sw.id}`, partnershipId: p.id, auditEventId, render: render(partnerUrl(p.id), { orgName: p.partnerName, page: "clients" }) }),
    ], queuedAt);
    return "dropped";
  }

  const [updated] = await tx.update(partnerships).set({ paymentMode: sw.paymentMode, version: p.version + 1, updatedAt: at })
    .where(and(eq(partnerships.id, p.id), eq(partnerships.version, p.version)))
    .returning({ version: partnerships.version });
  if (!updated) throw new Error(`partnership ${p.id} changed under its lock`);
  const auditEventId = await insertAuditEvent(tx, {
    ...base, kind: "scheduled_switch.applied",
    before: { switchId: sw.id, paymentMode: p.paymentMode, version: p.version },
    after: { switchId: sw.id, paymentMode: sw.paymentMode, effectiveDate: sw.effectiveDate, version: updated.version },
  });
  await enqueueMessages(tx, rows(await legalReps(tx, p.partnerOrgId), {
    template: "payment-mode-switch-applied", key: `switch-applied:${sw.id}`, partnershipId: p.id, auditEventId,
    render: (r) => switchAppliedEmail({
      locale: r.locale, recipientName: r.name, ...common, url: partnerUrl(p.id), footer: mailFooter(r, p.partnerName, "clients"),
      from: p.paymentMode, to: sw.paymentMode, effectiveDate: sw.effectiveDate, scheduledAt: sw.scheduledAt,
    }),
  }), queuedAt);
  return "applied";
}

const dueColumns = () => {
  const s = getDatabase().schema.scheduledSwitches;
  return { id: s.id, partnershipId: s.partnershipId, paymentMode: s.paymentMode, effectiveDate: s.effectiveDate, partnershipVersion: s.partnershipVersion, scheduledAt: s.scheduledAt };
};

/**
 * Inside an order's transaction: resolves the due switches of the customer's partnerships first, so an
 * order or renewal placed on or after a switch's date is billed per the switched mode even if the job has
 * not run yet that day (docs/billing.md).
 */
export async function resolveDueSwitchesForCustomerInTx(tx: Tx, { customerOrgId, at }: { customerOrgId: string; at: Date }): Promise<void> {
  const { scheduledSwitches: s, partnerships } = getDatabase().schema;
  const due = await tx.select(dueColumns()).from(s).innerJoin(partnerships, eq(partnerships.id, s.partnershipId))
    .where(and(eq(partnerships.customerOrgId, customerOrgId), eq(s.status, "pending"), lte(s.effectiveDate, zurichDate(at))));
  for (const sw of due) await resolveSwitchInTx(tx, sw, at);
}

export type SwitchReport = { applied: number; dropped: number; skipped: number };

/** The job's step before renewals: every pending switch whose date has come (in Zurich), each in its own transaction. */
export async function applyDueSwitches({ now = clockNow(), shouldStop = () => false }: { now?: Date; shouldStop?: () => boolean } = {}): Promise<SwitchReport> {
  const database = getDatabase();
  const { scheduledSwitches: s } = database.schema;
  const report: SwitchReport = { applied: 0, dropped: 0, skipped: 0 };
  const due = await database.db.select(dueColumns()).from(s)
    .where(and(eq(s.status, "pending"), lte(s.effectiveDate, zurichDate(now))))
    .orderBy(asc(s.effectiveDate), asc(s.id));
  for (const sw of due) {
    if (shouldStop()) break;
    const outcome = await database.transaction((tx) => resolveSwitchInTx(tx, sw, now));
    report[outcome]++;
  }
  return report;
}

/** The resolved switches of a partnership, newest first (for the page's history and the tests). */
export async function listSwitches({ partnershipId }: { partnershipId: string }) {
  const { db, schema } = getDatabase();
  const s = schema.scheduledSwitches;
  return db.select().from(s).where(eq(s.partnershipId, partnershipId)).orderBy(asc(s.scheduledAt), asc(s.id));
}
