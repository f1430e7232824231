// The audit trail is append-only (the database refuses UPDATE and DELETE) and tamper-evident (an edit
// made behind the app's back, triggers bypassed, is reported at the first broken link). Both engines.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditEventHash } from "@/lib/audit-hash";
import { createTestDatabase, enginesUnderTest, useTestDatabase, type Engine, type TestDatabase } from "@/lib/testing/db";
import { rawStatement, tamper } from "@/lib/testing/tamper";
import { insertAuditEvent, listAuditEvents } from "./audit";
import { verifyAuditChain } from "./audit-verify";
import { getDatabase, setDatabase } from "./client";

const EVENTS = 12;
const BATCH = 5; // smaller than the chain, so the walk crosses batch boundaries

/** Appends `n` varied events: refusals, changes with nested before/after, missing and non-ASCII fields. */
async function appendEvents(n: number): Promise<void> {
  const start = Date.UTC(2025, 2, 1, 8, 30);
  for (let i = 1; i <= n; i++) {
    await getDatabase().transaction((tx) => insertAuditEvent(tx, {
      kind: i % 3 === 0 ? "payment_mode.refused" : "payment_mode.changed",
      outcome: i % 3 === 0 ? "refused" : "ok",
      reason: i % 3 === 0 ? "stale_version" : null,
      actorUserId: `user-${i % 4}`,
      actorOrgId: i % 5 === 0 ? null : "org-helvetia",
      partnershipId: `partnership-${i % 2}`,
      customerOrgId: "org-helvetia",
      partnerOrgId: "org-alpine",
      before: { paymentMode: "customer", version: i, nested: { b: 2, a: [1, "x"] } },
      after: { version: i + 1, paymentMode: "partner" },
      meta: { requestId: `req-${i}`, ip: i % 2 ? "203.0.113.9" : null, userAgent: `Mozilla/5.0 (Zürich ${i}) “quoted”` },
      at: new Date(start + i * 60_000 + 123),
    }));
  }
}

async function eventAt(seq: number) {
  const row = (await listAuditEvents()).find((e) => e.seq === seq);
  if (!row) throw new Error(`no event #${seq}`);
  return row;
}

describe.each(enginesUnderTest())("audit trail on %s", (engine: Engine) => {
  describe("append-only in the database", () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await useTestDatabase(engine);
      await appendEvents(3);
    });
    afterAll(async () => {
      setDatabase(undefined);
      await t.dispose();
    });

    it("rejects an UPDATE through the app's own client and leaves the row as it was", async () => {
      const { db, schema } = getDatabase();
      const before = await eventAt(2);
      await expect(db.update(schema.auditEvents).set({ reason: "edited" }).where(eq(schema.auditEvents.seq, 2))).rejects.toThrow();
      await expect(rawStatement(engine, t.url, "UPDATE audit_events SET hash = ? WHERE seq = ?", ["0".repeat(64), 2])).rejects.toThrow(/immutable|append-only/);
      expect(await eventAt(2)).toEqual(before);
    });

    it("rejects a DELETE, one row or all", async () => {
      const { db, schema } = getDatabase();
      await expect(db.delete(schema.auditEvents).where(eq(schema.auditEvents.seq, 1))).rejects.toThrow();
      await expect(db.delete(schema.auditEvents)).rejects.toThrow();
      await expect(rawStatement(engine, t.url, "DELETE FROM audit_events")).rejects.toThrow(/immutable|append-only/);
      expect((await listAuditEvents()).map((e) => e.seq)).toEqual([1, 2, 3]);
    });

    it.runIf(engine === "postgres")("rejects TRUNCATE on PostgreSQL", async () => {
      await expect(rawStatement(engine, t.url, "TRUNCATE audit_events")).rejects.toThrow(/immutable/);
      expect(await listAuditEvents()).toHaveLength(3);
    });

    it("still verifies after the refused attempts", async () => {
      expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 3 });
    });
  });

  describe("verification", () => {
    let t: TestDatabase | undefined;
    // Each scenario tampers differently, so each gets a fresh database and chain.
    async function freshChain(): Promise<TestDatabase> {
      t = await createTestDatabase(engine);
      setDatabase(t.database);
      await appendEvents(EVENTS);
      return t;
    }
    afterEach(async () => {
      setDatabase(undefined);
      await t?.dispose();
      t = undefined;
    });

    it("reports an intact chain, across batches, with its head", async () => {
      await freshChain();
      const last = await eventAt(EVENTS);
      expect(await verifyAuditChain({ batchSize: BATCH })).toEqual({ ok: true, checked: EVENTS, head: { seq: EVENTS, hash: last.hash } });
    });

    it("reports an empty trail as intact", async () => {
      t = await createTestDatabase(engine);
      setDatabase(t.database);
      expect(await verifyAuditChain()).toEqual({ ok: true, checked: 0, head: { seq: 0, hash: null } });
    });

    it("finds an edited field: the event's hash no longer matches", async () => {
      const { url } = await freshChain();
      await tamper(engine, url, "UPDATE audit_events SET reason = ? WHERE seq = ?", ["nothing to see", 7]);
      const report = await verifyAuditChain({ batchSize: BATCH });
      expect(report).toMatchObject({ ok: false, checked: 6, broken: { seq: 7, problem: "hash_mismatch", id: (await eventAt(7)).id } });
    });

    it("finds an edit whose hash was recomputed: the next event no longer points at it", async () => {
      const { url } = await freshChain();
      const row = await eventAt(4);
      const forged = { ...row, ip: "198.51.100.1" };
      await tamper(engine, url, "UPDATE audit_events SET ip = ?, hash = ? WHERE seq = ?", [forged.ip, auditEventHash(forged), 4]);
      expect(await verifyAuditChain({ batchSize: BATCH })).toMatchObject({ ok: false, checked: 4, broken: { seq: 5, problem: "prev_hash_mismatch" } });
    });

    it("finds a deleted event in the middle: a gap in the sequence", async () => {
      const { url } = await freshChain();
      await tamper(engine, url, "DELETE FROM audit_events WHERE seq = ?", [5]);
      expect(await verifyAuditChain({ batchSize: BATCH })).toMatchObject({ ok: false, checked: 4, broken: { seq: 6, problem: "seq_gap" } });
    });

    it("finds deleted events at the end: the chain head still counts them", async () => {
      const { url } = await freshChain();
      await tamper(engine, url, "DELETE FROM audit_events WHERE seq > ?", [EVENTS - 2]);
      expect(await verifyAuditChain({ batchSize: BATCH })).toMatchObject({ ok: false, checked: EVENTS - 2, broken: { seq: EVENTS - 1, problem: "head_mismatch" } });
    });

    it("cannot see a full rewrite of the tail and head on its own, but an anchor recorded earlier can", async () => {
      const { url } = await freshChain();
      const anchor = { seq: 9, hash: (await eventAt(9)).hash };
      // Rewrite #8 onwards consistently, head included: what someone with full database access could do.
      let prevHash = (await eventAt(7)).hash;
      for (let seq = 8; seq <= EVENTS; seq++) {
        const row = await eventAt(seq);
        const forged = { ...row, prevHash, reason: seq === 8 ? "rewritten" : row.reason };
        const hash = auditEventHash(forged);
        await tamper(engine, url, "UPDATE audit_events SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?", [forged.reason, prevHash, hash, seq]);
        prevHash = hash;
      }
      await rawStatement(engine, url, "UPDATE audit_chain SET last_hash = ? WHERE id = 1", [prevHash]);
      expect(await verifyAuditChain({ batchSize: BATCH })).toMatchObject({ ok: true, checked: EVENTS });
      expect(await verifyAuditChain({ batchSize: BATCH, anchors: [anchor] })).toMatchObject({
        ok: false, checked: 8, broken: { seq: 9, problem: "anchor_mismatch" },
      });
    });

    it("reports an anchor beyond the end of the chain", async () => {
      await freshChain();
      expect(await verifyAuditChain({ anchors: [{ seq: EVENTS + 5, hash: "a".repeat(64) }] })).toMatchObject({
        ok: false, broken: { problem: "anchor_mismatch", seq: EVENTS + 5 },
      });
    });
  });
});
