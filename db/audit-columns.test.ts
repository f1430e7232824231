// Tamper evidence covers every stored column of audit_events, not a hand-picked few: for each column of
// the schema (so a column added later is covered, or fails here, automatically), changing it on any
// stored event, to any other value, behind the app's back, makes the verification fail.
// A property test with fast-check, on both engines; each change is undone before the next.
import { createClient } from "@libsql/client";
import { getTableColumns } from "drizzle-orm";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEventHash, canonicalJson, legacyAuditEventHash } from "@/lib/audit-hash";
import { CHAIN_START, checkChainBatch } from "@/lib/audit-verify";
import { enginesUnderTest, useTestDatabase, type Engine, type TestDatabase } from "@/lib/testing/db";
import { tamper } from "@/lib/testing/tamper";
import { insertAuditEvent } from "./audit";
import { verifyAuditChain } from "./audit-verify";
import { getDatabase, setDatabase } from "./client";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

const EVENTS = 5;
const COLUMNS = Object.values(getTableColumns(pgSchema.auditEvents)).map((c) => ({ name: c.name, dataType: c.dataType, notNull: c.notNull }));

type Raw = string | number | null;

/** What the column holds, read with a connection of its own, as a value that can be written back exactly. */
async function readRaw(engine: Engine, url: string, column: string, seq: number): Promise<Raw> {
  if (engine === "sqlite") {
    const client = createClient({ url });
    try {
      const { rows } = await client.execute({ sql: `SELECT "${column}" AS v FROM audit_events WHERE seq = ?`, args: [seq] });
      return (rows[0]?.v ?? null) as Raw;
    } finally {
      client.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // As text: PostgreSQL then parses it back to exactly the stored value (timestamps keep their microseconds).
    const { rows } = await client.query(`SELECT "${column}"::text AS v FROM audit_events WHERE seq = $1`, [seq]);
    return rows[0]?.v ?? null;
  } finally {
    await client.end();
  }
}

/** Values a column could be changed to, as both engines take them in SQL. */
function changedValues(engine: Engine, column: (typeof COLUMNS)[number]): fc.Arbitrary<Raw> {
  const nullable = <T extends Raw>(a: fc.Arbitrary<T>): fc.Arbitrary<Raw> => (column.notNull ? a : fc.option(a, { nil: null }));
  switch (column.dataType) {
    case "number":
      return nullable(fc.integer({ min: 1_000, max: 1_000_000 })); // never another event's seq (unique)
    case "date":
      return nullable(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
        .map((ms) => (engine === "sqlite" ? ms : new Date(ms).toISOString())));
    case "json":
      return nullable(fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,8}$/), fc.oneof(fc.integer(), fc.stringMatching(/^[\w ]{0,12}$/), fc.boolean()))
        .map((o) => JSON.stringify(o)));
    default:
      return nullable(fc.string({ maxLength: 40 }).filter((s) => !s.includes("\u0000")));
  }
}

/** Whether writing `next` would change what the column means (jsonb reorders keys; dates compare as instants). */
function differs(dataType: string, original: Raw, next: Raw): boolean {
  if (original === null || next === null) return original !== next;
  if (dataType === "json") return canonicalJson(JSON.parse(String(original))) !== canonicalJson(JSON.parse(String(next)));
  if (dataType === "date") return new Date(typeof original === "number" ? original : String(original)).getTime()
    !== new Date(typeof next === "number" ? next : String(next)).getTime();
  return String(original) !== String(next);
}

describe.each(enginesUnderTest())("every column of audit_events is tamper-evident on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    for (let i = 1; i <= EVENTS; i++) {
      await getDatabase().transaction((tx) => insertAuditEvent(tx, {
        kind: i % 2 ? "payment_mode.changed" : "partnership.action_refused",
        outcome: i % 2 ? "ok" : "refused",
        reason: i % 2 ? null : "role",
        actorUserId: `user-${i}`, actorOrgId: i === 3 ? null : "org-helvetia", partnershipId: `partnership-${i}`,
        customerOrgId: "org-helvetia", partnerOrgId: i === 4 ? null : "org-alpine",
        before: i === 2 ? null : { paymentMode: "customer", version: i }, after: { paymentMode: "partner", version: i + 1 },
        meta: { requestId: `req-${i}`, ip: i === 5 ? null : "203.0.113.9", userAgent: "Mozilla/5.0" },
        at: new Date(Date.UTC(2026, 0, i, 8, 30, 0, 123)),
      }));
    }
  });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });

  it("knows the table's columns from the schema, the same on both engines", () => {
    expect(COLUMNS.map((c) => c.name)).toEqual(Object.values(getTableColumns(sqliteSchema.auditEvents)).map((c) => c.name));
    expect(COLUMNS.map((c) => c.name)).toEqual(expect.arrayContaining(["id", "kind", "outcome", "actor_user_id", "after", "created_at", "hash"]));
  });

  it.each(COLUMNS)("changing $name on any event breaks the verification", async (column) => {
    expect((await verifyAuditChain()).ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: EVENTS }), changedValues(engine, column), async (seq, value) => {
        const original = await readRaw(engine, t.url, column.name, seq);
        fc.pre(differs(column.dataType, original, value));
        await tamper(engine, t.url, `UPDATE audit_events SET "${column.name}" = ? WHERE seq = ?`, [value, seq]);
        const where = column.name === "seq" ? value : seq; // the row is now found by its new seq
        try {
          const report = await verifyAuditChain();
          expect(report.ok, `${column.name} of event #${seq} changed to ${JSON.stringify(value)}`).toBe(false);
        } finally {
          await tamper(engine, t.url, `UPDATE audit_events SET "${column.name}" = ? WHERE seq = ?`, [original, where as number]);
        }
      }),
      { numRuns: 6 },
    );
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

describe("events hashed before the id was", () => {
  const event = {
    id: "e1", seq: 1, prevHash: null, kind: "payment_mode.changed", outcome: "ok", reason: null, actorUserId: "u", actorOrgId: "o",
    partnershipId: "p", customerOrgId: "o", partnerOrgId: "a", before: null, after: { paymentMode: "partner" },
    requestId: "r", ip: null, userAgent: null, createdAt: new Date(Date.UTC(2025, 0, 1)),
  };

  it("still verify, so a trail written by an earlier version stays intact", () => {
    expect(checkChainBatch(CHAIN_START, [{ ...event, hash: legacyAuditEventHash(event) }]).broken).toBeNull();
  });

  it("but an event hashed with its id cannot pass for one hashed the old way once its id changes", () => {
    const hash = auditEventHash(event);
    expect(checkChainBatch(CHAIN_START, [{ ...event, hash }]).broken).toBeNull();
    expect(checkChainBatch(CHAIN_START, [{ ...event, id: "e2", hash }]).broken).toMatchObject({ problem: "hash_mismatch" });
  });
});
