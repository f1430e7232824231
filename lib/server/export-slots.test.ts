import { describe, expect, it } from "vitest";
import { csvResponse } from "@/lib/csv";
import { EXPORTS_PER_USER, exportsRunning, exportWithSlot, takeExportSlot, type ExportSlot } from "./export-slots";

const held = (s: ExportSlot | string): ExportSlot => {
  if (typeof s === "string") throw new Error(`no slot: ${s}`);
  return s;
};

describe("export slots", () => {
  it("lets one user run EXPORTS_PER_USER exports at once and the server its configured number, each slot counting once", () => {
    expect(EXPORTS_PER_USER).toBe(2);
    const a1 = held(takeExportSlot("ada", { atOnce: 3 }));
    const a2 = held(takeExportSlot("ada", { atOnce: 3 }));
    expect(takeExportSlot("ada", { atOnce: 3 })).toBe("user_busy");
    const b1 = held(takeExportSlot("bob", { atOnce: 3 }));
    // Bob has one left, but the server's three are taken.
    expect(takeExportSlot("bob", { atOnce: 3 })).toBe("server_busy");
    expect(exportsRunning().total).toBe(3);
    a1.release();
    a1.release(); // a second release of the same slot frees nothing more
    expect(exportsRunning().total).toBe(2);
    expect(exportsRunning().perUser.get("ada")).toBe(1);
    const b2 = held(takeExportSlot("bob", { atOnce: 3 }));
    expect(takeExportSlot("ada", { atOnce: 3 })).toBe("server_busy");
    for (const s of [a2, b1, b2]) s.release();
    expect(exportsRunning().total).toBe(0);
    expect(exportsRunning().perUser.size).toBe(0);
  });

  it("answers 429 with a reason and Retry-After when the user's exports are taken, and runs nothing", async () => {
    let built = 0;
    const respond = (slot: ExportSlot) => {
      built++;
      return csvResponse("x.csv", ["n"], (async function* () { yield [{ n: 1 }]; })(), (r) => [r.n], { slot });
    };
    const get = () => exportWithSlot(new Request("https://manager.test/x.csv"), "cleo", respond);
    const first = get();
    const second = get();
    const third = get();
    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
    expect(built).toBe(2);
    expect(third.headers.get("retry-after")).toBe("30");
    expect(third.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await third.text()).toContain("already have 2 downloads running");
    // A download read to its end gives its slot back.
    expect(await first.text()).toContain("1\r\n");
    expect(get().status).toBe(200);
    await second.body!.cancel();
    expect(exportsRunning().perUser.get("cleo")).toBe(1);
  });

  it("answers HEAD with the download's headers, without a body, a query or a slot", async () => {
    let loads = 0;
    const respond = (slot: ExportSlot) => csvResponse("x.csv", ["n"], (async function* () { loads++; yield [{ n: 1 }]; })(), (r) => [r.n], { slot });
    const heads = [1, 2, 3].map(() => exportWithSlot(new Request("https://manager.test/x.csv", { method: "HEAD" }), "dan", respond));
    for (const head of heads) {
      expect(head.status).toBe(200);
      expect(head.headers.get("content-disposition")).toBe('attachment; filename="x.csv"');
      expect(head.body).toBeNull();
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(loads).toBe(0);
    expect(exportsRunning().perUser.get("dan")).toBeUndefined();
  });

  it("gives the slot back if building the response throws", () => {
    expect(() => exportWithSlot(new Request("https://manager.test/x.csv"), "eve", () => { throw new Error("boom"); })).toThrow("boom");
    expect(exportsRunning().perUser.get("eve")).toBeUndefined();
  });
});
