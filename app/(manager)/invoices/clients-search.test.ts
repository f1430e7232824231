// The Client filter's searches (invoices and prepaid account): matches come from the organization's own
// partnerships only; anyone who may not see those lists gets a 404. On every engine under test.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, userId } from "@/lib/testing/demo";
import { actAs } from "@/lib/testing/request-stub";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("@/lib/auth", () => { throw new Error("next-auth must not load: the session comes from the request stub"); });

const { GET: invoiceClients } = await import("./clients/route");
const { GET: prepaidClients } = await import("../prepaid/clients/route");
const { NextRequest } = await import("next/server");
const ask = (route: typeof invoiceClients, q: string) => route(new NextRequest(`http://test/x?q=${encodeURIComponent(q)}`));
const labels = async (res: Response) => ((await res.json()) as { label: string }[]).map((c) => c.label);

describe.each(enginesUnderTest())("the Client filter's searches on %s", (engine) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => { await t.dispose(); });

  it("gives a partner its own clients (and itself for invoices), never another partner's", async () => {
    actAs(await userId("marc@alpine-web.test"), await orgId("Alpine Web Studio"));
    expect(await labels(await ask(invoiceClients, ""))).toEqual(["Alpine Web Studio", "Helvetia Bakery SA", "Matterhorn Sports AG", "Ticino Vini SA", "Zürich Legal Partners"]);
    expect(await labels(await ask(prepaidClients, "SA"))).toEqual(["Helvetia Bakery SA", "Ticino Vini SA"]);
    // Bern Architects is Lakeside IT's client, not Alpine's.
    expect(await labels(await ask(invoiceClients, "bern"))).toEqual([]);
    expect(await labels(await ask(prepaidClients, "%"))).toEqual([]);
  });

  it("answers 404 to whoever may not see the list, signed out included", async () => {
    actAs(await userId("luca@helvetia-bakery.test"));
    expect((await ask(invoiceClients, "a")).status).toBe(404);
    actAs(await userId("claire@helvetia-bakery.test"));
    expect((await ask(prepaidClients, "a")).status).toBe(404);
    actAs(null);
    expect((await ask(invoiceClients, "a")).status).toBe(404);
    expect((await ask(prepaidClients, "a")).status).toBe(404);
  });
});
