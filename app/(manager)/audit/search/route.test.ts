// GET /audit/search: the auditor's filter comboboxes get matches from the small tables; everyone else,
// signed in or not, gets the same 404 as for an unknown address. On every engine under test.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, userId } from "@/lib/testing/demo";
import { actAs } from "@/lib/testing/request-stub";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("@/lib/auth", () => { throw new Error("next-auth must not load: the session comes from the request stub"); });

const { GET } = await import("./route");
const { NextRequest } = await import("next/server");
const search = (query: string) => GET(new NextRequest(`http://test/audit/search?${query}`));

describe.each(enginesUnderTest())("the auditor's filter search on %s", (engine) => {
  let t: TestDatabase;
  let nora: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    nora = await userId("nora@manager.test");
  });
  afterAll(async () => { await t.dispose(); });

  it("answers 404 to anyone but an auditor, signed out included", async () => {
    for (const email of ["claire@helvetia-bakery.test", "marc@alpine-web.test", "hanna@helvetia-bakery.test"]) {
      actAs(await userId(email));
      const res = await search("kind=org&q=a");
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("Not found");
    }
    actAs(null);
    expect((await search("kind=user&q=a")).status).toBe(404);
  });

  it("finds organizations, partners and users by part of their name, case-insensitively", async () => {
    actAs(nora);
    expect(await (await search("kind=org&q=BAKERY")).json()).toEqual([{ id: await orgId("Helvetia Bakery SA"), label: "Helvetia Bakery SA" }]);
    const partners = (await (await search("kind=partner&q=")).json()) as { label: string }[];
    expect(partners.map((p) => p.label)).toEqual(["Alpine Web Studio", "Isar Webagentur GmbH", "Jura Hosting Partners", "Lakeside IT", "Léman Digital Sàrl"]);
    expect(await (await search("kind=user&q=alpine-web")).json()).toEqual([
      { id: await userId("elena@alpine-web.test"), label: "Elena Brunner (elena@alpine-web.test)" },
      { id: await userId("marc@alpine-web.test"), label: "Marc Keller (marc@alpine-web.test)" },
    ]);
  });

  it("takes LIKE's wildcards literally, caps the answer, and refuses an unknown kind", async () => {
    actAs(nora);
    expect(await (await search("kind=org&q=%25")).json()).toEqual([]);
    expect(await (await search("kind=user&q=_")).json()).toEqual([]);
    expect(((await (await search("kind=org&q=")).json()) as unknown[]).length).toBeLessThanOrEqual(20);
    expect((await search("kind=audit_events&q=x")).status).toBe(400);
  });
});
