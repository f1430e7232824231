// The ledger page shows each entry's stored balance-after (migration 0010): a deep page reached by a bare
// cursor (typed or shared) and a client-filtered page show the running sum of the ledger up to the entry;
// the "Next page" link carries only the cursor, and an old link's `bal=` is ignored.
import type { ReactElement, ReactNode } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/db/seed";
import { scaleBy, seedLargeData } from "@/db/seed-large";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/session";
import { getDatabase } from "@/db/client";
import { encodeCursor } from "@/lib/pagination";
import { asc, eq } from "drizzle-orm";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());
vi.mock("@/db/prepaid", async (original) => {
  const m = await original<typeof import("@/db/prepaid")>();
  return { ...m, listPrepaidEntries: vi.fn(m.listPrepaidEntries) };
});

const prepaid = await import("@/db/prepaid");
const { Pager } = await import("@/components/pager");
const { default: PrepaidPage } = await import("./page");
const listed = vi.mocked(prepaid.listPrepaidEntries);

/** The props of the first element of `type` in a rendered (not yet resolved) element tree. */
function findProps<P>(node: ReactNode, type: unknown): P | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findProps<P>(child, type);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== "object" || !("props" in node)) return undefined;
  const element = node as ReactElement<{ children?: ReactNode }>;
  if (element.type === type) return element.props as P;
  return findProps<P>(element.props.children, type);
}

async function open(query: string) {
  listed.mockClear();
  const tree = await PrepaidPage({ searchParams: Promise.resolve(Object.fromEntries(new URLSearchParams(query))) } as never);
  const call = listed.mock.calls[0]![0];
  const result = await listed.mock.results[0]!.value as Awaited<ReturnType<typeof prepaid.listPrepaidEntries>>;
  const next = findProps<{ nextHref: string | null }>(tree, Pager)?.nextHref ?? null;
  return { call, rows: result.rows, next };
}

describe.each(enginesUnderTest())("the ledger page on %s", (engine) => {
  let t: TestDatabase;
  let alpine: string;
  /** Every entry's balance-after, computed here from the amounts: the running sum in ledger order. */
  let expected: Map<string, number>;
  let ledger: { id: string; createdAt: Date; customerOrgId: string | null }[];
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    await seedLargeData({ scale: scaleBy(0.002) }); // 1,000 more entries: twenty pages
    alpine = (await orgId("Alpine Web Studio"))!;
    const { db, schema } = getDatabase();
    const e = schema.prepaidEntries;
    const rows = await db.select({ id: e.id, createdAt: e.createdAt, amountMinor: e.amountMinor, customerOrgId: e.customerOrgId })
      .from(e).where(eq(e.partnerOrgId, alpine)).orderBy(asc(e.createdAt), asc(e.id));
    let running = 0;
    expected = new Map(rows.map((r) => [r.id, (running += r.amountMinor)]));
    ledger = rows.reverse(); // newest first, as the page lists them
  });
  afterAll(async () => { await t.dispose(); });

  const cursorAt = (row: { createdAt: Date; id: string }) => encodeCursor({ at: row.createdAt, id: row.id });

  it("shows the running balance on a deep page reached by a bare cursor, and links on with the cursor alone", async () => {
    await signInAs("marc@alpine-web.test");
    const deep = ledger[Math.floor(ledger.length / 2)]!;
    const page = await open(`after=${cursorAt(deep)}`);
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0]!.id).toBe(ledger[Math.floor(ledger.length / 2) + 1]!.id);
    expect(page.rows.map((r) => r.balanceAfterMinor)).toEqual(page.rows.map((r) => expected.get(r.id)));
    expect(page.next).toMatch(/^\/prepaid\?after=\d+\.[\w-]+$/);
    const following = await open(page.next!.slice("/prepaid?".length));
    expect(following.rows[0]!.id).toBe(ledger[Math.floor(ledger.length / 2) + 51]!.id);
    expect(following.rows.map((r) => r.balanceAfterMinor)).toEqual(following.rows.map((r) => expected.get(r.id)));
  });

  it("shows the running balance over the whole ledger on a client-filtered page, first and deep", async () => {
    await signInAs("marc@alpine-web.test");
    const counts = new Map<string, number>();
    for (const r of ledger) if (r.customerOrgId) counts.set(r.customerOrgId, (counts.get(r.customerOrgId) ?? 0) + 1);
    const [client] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const theirs = ledger.filter((r) => r.customerOrgId === client);
    const first = await open(`client=${client}`);
    expect(first.rows.map((r) => r.id)).toEqual(theirs.slice(0, 50).map((r) => r.id));
    expect(first.rows.map((r) => r.balanceAfterMinor)).toEqual(first.rows.map((r) => expected.get(r.id)));
    const deep = await open(`client=${client}&after=${cursorAt(theirs[10]!)}`);
    expect(deep.rows.map((r) => r.id)).toEqual(theirs.slice(11, 61).map((r) => r.id));
    expect(deep.rows.map((r) => r.balanceAfterMinor)).toEqual(deep.rows.map((r) => expected.get(r.id)));
  });

  it("ignores the `bal` of a link made before the balances were stored, altered or not", async () => {
    await signInAs("marc@alpine-web.test");
    const after = cursorAt(ledger[120]!);
    const plain = await open(`after=${after}`);
    for (const bal of ["123456.AAAAAAAAAAAAAAAAAAAAAA", "-5.x", "not-a-balance"]) {
      const old = await open(`after=${after}&bal=${encodeURIComponent(bal)}`);
      expect(old.rows.map((r) => [r.id, r.balanceAfterMinor])).toEqual(plain.rows.map((r) => [r.id, r.balanceAfterMinor]));
      expect(old.next).toBe(plain.next);
    }
  });
});
