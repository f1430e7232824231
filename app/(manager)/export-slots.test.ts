// Every CSV download takes an export slot of its user's (lib/server/export-slots.ts): two at once per user,
// a third answers 429 and runs nothing, and a download that ends or is cancelled gives its slot back.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { signInAs } from "@/lib/testing/session";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());

type Get = (request: NextRequest) => Promise<Response>;
const EXPORTS: { path: string; who: string; load: () => Promise<{ GET: Get }> }[] = [
  { path: "/invoices/export.csv", who: "claire@helvetia-bakery.test", load: () => import("./invoices/export.csv/route") },
  { path: "/prepaid/export.csv", who: "marc@alpine-web.test", load: () => import("./prepaid/export.csv/route") },
  { path: "/clients/export", who: "marc@alpine-web.test", load: () => import("./clients/export/route") },
  { path: "/audit/export", who: "nora@manager.test", load: () => import("./audit/export/route") },
  { path: "/audit/events/export", who: "nora@manager.test", load: () => import("./audit/events/export/route") },
];

describe.each(enginesUnderTest())("export slots of every download, on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => { await t.dispose(); });

  it.each(EXPORTS)("$path: two at once per user, the third 429 until one ends", async ({ path, who, load }) => {
    const { GET } = await load();
    await signInAs(who);
    const get = (method = "GET") => GET(new NextRequest(`http://test${path}`, { method }));
    const [first, second] = [await get(), await get()];
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await get();
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBeTruthy();
    expect(await third.text()).toContain("Wait until one of them has finished");
    // HEAD takes no slot: it answers like the download would, without a body.
    const head = await get("HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    // Another user's downloads are not this user's.
    await signInAs("hanna@helvetia-bakery.test");
    const { GET: invoices } = await import("./invoices/export.csv/route");
    const other = await invoices(new NextRequest("http://test/invoices/export.csv"));
    expect(other.status).toBe(200);
    await other.body!.cancel();
    await signInAs(who);
    // One read to its end, one cancelled: both slots are back.
    expect((await first.text()).length).toBeGreaterThan(0);
    await second.body!.cancel();
    const again = [await get(), await get()];
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    for (const r of again) await r.body!.cancel();
  });
});
