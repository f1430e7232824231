// The events export, row for row, against the events list read page by page and written with the
// plain (unremembered) words: the larger pages and the remembered words change nothing in the file.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { desc, isNotNull } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { allAuditEventsForExport, EXPORT_AT, listAuditEventsPage, type AuditEventRow } from "@/db/audit-events-list";
import { seedDemoData } from "@/db/seed";
import { scaleBy, seedLargeData } from "@/db/seed-large";
import { changeText, type AuditWords } from "@/lib/audit-format";
import { csvRow } from "@/lib/csv";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { signInAs } from "@/lib/testing/session";
import { parseEventFilters } from "@/lib/validation/audit-filters";
import { auditWords } from "../../audit-words";
import { rememberedWords } from "./remembered-words";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());
// The export's raw reader, watched: every one it opens is closed, at the end and after a cancel.
const readers = vi.hoisted(() => ({ opened: 0, closed: 0 }));
vi.mock("@/db/raw-read", async (original) => {
  const actual = await original<typeof import("@/db/raw-read")>();
  return {
    ...actual,
    openRawReader: async (...args: Parameters<typeof actual.openRawReader>) => {
      const reader = await actual.openRawReader(...args);
      readers.opened++;
      return { ...reader, close: () => { readers.closed++; reader.close(); } };
    },
  };
});

const { GET } = await import("./route");

async function exportText(query = ""): Promise<string> {
  const { NextRequest } = await import("next/server");
  const res = await GET(new NextRequest(`http://test/audit/events/export${query}`));
  expect(res.status).toBe(200);
  return (await res.text()).replace(/^\uFEFF/, "");
}

function expectedRow(e: AuditEventRow, words: AuditWords): string {
  return csvRow([
    e.seq, e.createdAt.toISOString(), e.kind, e.outcome, e.reason, e.actorName, e.actorEmail, e.actorOrgName, e.customerName,
    e.partnerName, e.partnershipId, changeText(e.before, e.after, words, { fullIds: true }), e.before ? JSON.stringify(e.before) : null,
    e.after ? JSON.stringify(e.after) : null, e.ip, e.userAgent, e.requestId, e.id,
  ]);
}

describe.each(enginesUnderTest())("the audit events export on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    await seedLargeData({ scale: scaleBy(0.0025) }); // 2,500 more events: three pages of the export
  });
  afterAll(async () => { await t.dispose(); });

  it.each(["", "?kind=order.placed", "?outcome=refused", "?org=PARTNER", "?org=PARTNER&kind=order.placed"])("writes every event%s as the list gives it, in the same words", async (query) => {
    await signInAs("nora@manager.test");
    if (query.includes("PARTNER")) {
      // The organization with the newest events as partner: its events are two reads merged (as customer, as partner).
      const { db, schema: { auditEvents: a } } = getDatabase();
      const [newest] = await db.select({ org: a.partnerOrgId }).from(a).where(isNotNull(a.partnerOrgId)).orderBy(desc(a.createdAt)).limit(1);
      query = query.replace("PARTNER", newest!.org!);
    }
    const { words } = auditWords("en");
    const filters = parseEventFilters(Object.fromEntries(new URLSearchParams(query)));
    let expected = "";
    let count = 0;
    let cursor = null as typeof filters.cursor;
    do {
      const page = await listAuditEventsPage({ ...filters, cursor }, { limit: 333 });
      for (const e of page.rows) expected += expectedRow(e, words);
      count += page.rows.length;
      cursor = page.next;
    } while (cursor);
    const text = await exportText(query);
    const [header, ...rest] = text.split("\r\n");
    expect(header).toBe("seq,created_at,kind,outcome,reason,actor,actor_email,actor_organization,customer,partner,partnership_id,change,before,after,ip,user_agent,request_id,event_id");
    expect(rest.join("\r\n")).toBe(expected);
    expect(count).toBeGreaterThan(query ? 0 : 2_500);
    expect(readers.closed).toBe(readers.opened);
  });

  it("names every event's actor and organizations as the list does, when it forgets the names it remembered", async () => {
    const filters = parseEventFilters({});
    const names = (e: AuditEventRow) => [e.id, e.actorName, e.actorEmail, e.actorOrgName, e.customerName, e.partnerName];
    const expected = (await listAuditEventsPage(filters, { limit: 600 })).rows.map(names);
    const got: unknown[][] = [];
    const { id, actorName, actorEmail, actorOrgName, customerName, partnerName } = EXPORT_AT;
    for await (const rows of allAuditEventsForExport(filters, { pageSize: 37, namesKept: 2 })) {
      for (const r of rows) got.push([r[id], r[actorName], r[actorEmail], r[actorOrgName], r[customerName], r[partnerName]]);
      if (got.length >= 600) break;
    }
    expect(got.slice(0, 600)).toEqual(expected);
    expect(expected.filter((n) => n[1] !== null && n[4] !== null).length).toBeGreaterThan(100);
  });

  it("closes its reader when the download is cancelled after the first batch", async () => {
    await signInAs("nora@manager.test");
    const { NextRequest } = await import("next/server");
    const opened = readers.opened;
    const res = await GET(new NextRequest("http://test/audit/events/export"));
    const body = res.body!.getReader();
    await body.read(); // the header
    await body.read(); // the first batch
    expect(readers.opened).toBe(opened + 1);
    await body.cancel();
    expect(readers.closed).toBe(readers.opened);
  });
});

describe("rememberedWords", () => {
  const calls = { field: 0, code: 0, line: 0, money: 0 };
  const base = (line: (f: string, v: string) => string): AuditWords => ({
    field: (k) => (calls.field++, `F(${k})`),
    code: (f, c) => (calls.code++, `C(${f},${c})`),
    money: (m, c) => (calls.money++, `${c} ${m}`),
    date: (d) => d,
    time: (d) => d,
    number: (n) => String(n),
    ids: (n) => `${n} ids`,
    line: (f, v) => (calls.line++, line(f, v)),
    none: "—",
  });

  it("gives what the words give, asking each field and code once and the line template once", () => {
    const w = base((f, v) => `${f} : ${v}`);
    const r = rememberedWords(w);
    calls.field = calls.code = calls.line = calls.money = 0;
    for (let i = 0; i < 3; i++) {
      expect(r.field("status")).toBe("F(status)");
      expect(r.code("status", "paid")).toBe("C(status,paid)");
      expect(r.line("Total", "CHF 1.00 $& $1")).toBe("Total : CHF 1.00 $& $1");
      expect(r.money(-239, "CHF")).toBe("CHF -239");
      expect(r.money(-239, "EUR")).toBe("EUR -239");
    }
    expect(r.code("status", "unpaid")).toBe("C(status,unpaid)");
    expect(calls).toEqual({ field: 1, code: 2, line: 0, money: 2 });
  });

  it("formats every line when the message does not put the field first", () => {
    const r = rememberedWords(base((f, v) => `${v} (${f})`));
    calls.line = 0;
    expect(r.line("Total", "CHF 1.00")).toBe("CHF 1.00 (Total)");
    expect(calls.line).toBe(1);
  });
});
