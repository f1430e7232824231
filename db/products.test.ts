// Who a partner may order for, as the order panel's client search and the order action read it, on
// SQLite always and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { findOrderableClient, hasOrderableClient, searchOrderableClients } from "./products";
import { seedDemoData } from "./seed";

describe.each(enginesUnderTest())("orderable clients on %s", (engine) => {
  let t: TestDatabase;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    for (const name of ["Alpine Web Studio", "Lakeside IT", "Jura Hosting Partners", "Helvetia Bakery SA", "Matterhorn Sports AG", "Ticino Vini SA", "Zürich Legal Partners", "Basel Pharma Consulting AG"]) {
      id[name] = await orgId(name);
    }
  });
  afterAll(() => t.dispose());

  it("finds the active full-access clients whose name matches, by name, and no others", async () => {
    const alpine = id["Alpine Web Studio"]!;
    // Ticino is limited, Zürich only pending, Basel another partner's client.
    expect(await searchOrderableClients({ partnerOrgId: alpine, query: "" })).toEqual([
      { id: id["Helvetia Bakery SA"], label: "Helvetia Bakery SA" }, { id: id["Matterhorn Sports AG"], label: "Matterhorn Sports AG" },
    ]);
    expect(await searchOrderableClients({ partnerOrgId: alpine, query: " MATTER" })).toEqual([{ id: id["Matterhorn Sports AG"], label: "Matterhorn Sports AG" }]);
    for (const query of ["Ticino", "Zürich", "Basel", "%", "_"]) expect(await searchOrderableClients({ partnerOrgId: alpine, query }), query).toEqual([]);
    expect(await searchOrderableClients({ partnerOrgId: alpine, query: "", limit: 1 })).toHaveLength(1);
  });

  it("reads one client of the partner with its access, or null for anyone else's", async () => {
    const alpine = id["Alpine Web Studio"]!;
    expect(await findOrderableClient({ partnerOrgId: alpine, customerOrgId: id["Helvetia Bakery SA"]! })).toEqual({ customerOrgId: id["Helvetia Bakery SA"], customerName: "Helvetia Bakery SA", access: "full" });
    expect(await findOrderableClient({ partnerOrgId: alpine, customerOrgId: id["Ticino Vini SA"]! })).toMatchObject({ access: "limited" });
    expect(await findOrderableClient({ partnerOrgId: alpine, customerOrgId: id["Zürich Legal Partners"]! })).toBeNull();
    expect(await findOrderableClient({ partnerOrgId: alpine, customerOrgId: id["Basel Pharma Consulting AG"]! })).toBeNull();
  });

  it("says whether a partner has anyone to order for", async () => {
    expect(await hasOrderableClient({ partnerOrgId: id["Alpine Web Studio"]! })).toBe(true);
    expect(await hasOrderableClient({ partnerOrgId: id["Lakeside IT"]! })).toBe(true); // Bern and Basel
    expect(await hasOrderableClient({ partnerOrgId: id["Jura Hosting Partners"]! })).toBe(false);
  });
});
