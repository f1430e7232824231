// The ledger page's "Next page" link carries the balance the page ended on (signed), and the page after
// uses it instead of summing the newer ledger: same balances, one query fewer; a tampered one is ignored.
import type { ReactElement, ReactNode } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/db/seed";
import { scaleBy, seedLargeData } from "@/db/seed-large";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/session";

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

describe.each(enginesUnderTest())("the ledger page's Next link on %s", (engine) => {
  let t: TestDatabase;
  let alpine: string;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    await seedLargeData({ scale: scaleBy(0.002) }); // 1,000 more entries: twenty pages
    alpine = (await orgId("Alpine Web Studio"))!;
  });
  afterAll(async () => { await t.dispose(); });

  it("carries the page's balance, which the next page uses and which gives the balances a full sum gives", async () => {
    await signInAs("marc@alpine-web.test");
    let page = await open("");
    for (let i = 0; i < 3; i++) {
      expect(page.next).toMatch(/^\/prepaid\?after=\d+\.[\w-]+&bal=-?\d+\.[\w-]{22}$/);
      const query = page.next!.slice("/prepaid?".length);
      const following = await open(query);
      expect(following.call.anchor).toEqual({ ...following.call.cursor, balanceBeforeMinor: page.rows.at(-1)!.balanceAfterMinor - page.rows.at(-1)!.amountMinor });
      const summed = await prepaid.listPrepaidEntries({ partnerOrgId: alpine, cursor: following.call.cursor });
      expect(following.rows.map((r) => [r.id, r.balanceAfterMinor])).toEqual(summed.rows.map((r) => [r.id, r.balanceAfterMinor]));
      page = following;
    }
  });

  it("ignores a balance that was changed, or that belongs to another cursor", async () => {
    await signInAs("marc@alpine-web.test");
    const first = await open("");
    const params = new URLSearchParams(first.next!.slice("/prepaid?".length));
    const [amount, signature] = params.get("bal")!.split(".");
    const tampered = new URLSearchParams(params);
    tampered.set("bal", `${Number(amount) + 100_00}.${signature}`);
    const opened = await open(tampered.toString());
    expect(opened.call.anchor).toBeUndefined();
    const second = await open(params.toString());
    expect(opened.rows.map((r) => r.balanceAfterMinor)).toEqual(second.rows.map((r) => r.balanceAfterMinor));
    const elsewhere = new URLSearchParams(second.next!.slice("/prepaid?".length));
    elsewhere.set("bal", params.get("bal")!);
    expect((await open(elsewhere.toString())).call.anchor).toBeUndefined();
  });
});
