import { describe, expect, it, vi } from "vitest";
import { csvCell, csvResponse, csvRow, keysetPages, minorToDecimal } from "./csv";

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["Léman Digital Sàrl", "Léman Digital Sàrl"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=HYPERLINK(\"x\")", '"\'=HYPERLINK(""x"")"'],
    ["+41 44", "'+41 44"],
    ["-1", "-1"],
    ["-2.39", "-2.39"],
    ["-1+1", "'-1+1"],
    ["Tom, Jerry & Co", '"Tom, Jerry & Co"'],
    ["", ""],
    ["@sum", "'@sum"],
    [null, ""],
    [undefined, ""],
    [42, "42"],
    [-7, "-7"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
    ["-", "'-"],
    ["=1", "'=1"],
    ["3.14", "3.14"],
    ["a=b", "a=b"],
  ] as const)("%j → %s", (value, expected) => expect(csvCell(value)).toBe(expected));
});

describe("csvResponse", () => {
  it("streams a BOM, the header and every batch as a download", async () => {
    async function* batches() {
      yield [{ n: 1, s: "a" }];
      yield [];
      yield [{ n: 2, s: "b,c" }];
    }
    const response = csvResponse("x.csv", ["n", "s"], batches(), (r) => [r.n, r.s]);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="x.csv"');
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(`${csvRow(["n", "s"])}1,a\r\n2,"b,c"\r\n`);
  });
});

/** A generator that counts the batches it loaded (each taking `loadMs`, if given) and notes when it was ended. */
function counting(loadMs = 0) {
  const state = { loaded: 0, ended: false };
  async function* batches() {
    try {
      for (;;) {
        if (loadMs) await new Promise((r) => setTimeout(r, loadMs));
        state.loaded++;
        yield [{ n: state.loaded }];
      }
    } finally {
      state.ended = true;
    }
  }
  return { state, batches: batches() };
}

describe("csvResponse streaming", () => {
  it("sends the header before any batch is loaded, then keeps one batch ready ahead of the reader, never more", async () => {
    const { state, batches } = counting();
    const reader = csvResponse("x.csv", ["n"], batches, (r) => [r.n]).body!.getReader();
    await new Promise((r) => setTimeout(r, 20));
    // Nothing is loaded before the client reads: a request that is never read costs no query.
    expect(state.loaded).toBe(0);
    const header = await reader.read();
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(header.value)).toBe("\uFEFFn\r\n");
    for (let i = 1; i <= 3; i++) {
      expect(new TextDecoder().decode((await reader.read()).value)).toBe(`${i}\r\n`);
      await new Promise((r) => setTimeout(r, 20));
      // The batch after the one just read is ready (it is written while this one is sent), never two:
      // memory stays bounded whatever the export's size.
      expect(state.loaded).toBe(i + 1);
    }
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(state.ended).toBe(true);
    expect(state.loaded).toBe(4);
  });

  it("stops loading when the client disconnects (the stream is cancelled)", async () => {
    const { state, batches } = counting();
    const reader = csvResponse("x.csv", ["n"], batches, (r) => [r.n]).body!.getReader();
    for (let i = 0; i < 4; i++) await reader.read();
    await reader.cancel();
    const loaded = state.loaded;
    await new Promise((r) => setTimeout(r, 20));
    expect(state.ended).toBe(true);
    expect(state.loaded).toBe(loaded);
  });
});

describe("after an export", () => {
  it("asks V8 for one full collection a moment after the last export of a burst ends, when the collector is exposed", async () => {
    const g = globalThis as { gc?: unknown };
    const gc = vi.fn();
    g.gc = gc;
    try {
      async function* rows() { yield [{ n: 1 }]; yield [{ n: 2 }]; }
      expect(await csvResponse("x.csv", ["n"], rows(), (r) => [r.n]).text()).toContain("2\r\n");
      const reader = csvResponse("x.csv", ["n"], rows(), (r) => [r.n]).body!.getReader();
      await reader.read();
      await reader.cancel();
      expect(gc).not.toHaveBeenCalled();
      await new Promise((r) => setTimeout(r, 2_200));
      expect(gc).toHaveBeenCalledTimes(1);
      expect(gc).toHaveBeenCalledWith({ type: "major", execution: "async" });
    } finally {
      delete g.gc;
    }
    // Without the collector exposed (a plain `node`), nothing is scheduled.
    await csvResponse("x.csv", ["n"], (async function* () { yield [{ n: 1 }]; })(), (r) => [r.n]).text();
  });
});

describe("csvResponse with a slow source", () => {
  it("ends a load in flight at a cancel without starting another", async () => {
    const { state, batches } = counting(30);
    const reader = csvResponse("x.csv", ["n"], batches, (r) => [r.n]).body!.getReader();
    await reader.read();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("1\r\n");
    // The second batch is loading now (its load takes 30 ms); the client leaves.
    await new Promise((r) => setTimeout(r, 10));
    expect(state.loaded).toBe(1);
    await reader.cancel();
    // The cancel waits for that load to finish and ends the generator: nothing keeps running after it.
    expect(state).toEqual({ loaded: 2, ended: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(state.loaded).toBe(2);
  });

  it("passes a failing load on to the reader", async () => {
    async function* failing() { yield [{ n: 1 }]; throw new Error("the database went away"); }
    await expect(csvResponse("x.csv", ["n"], failing(), (r) => [r.n]).text()).rejects.toThrow("the database went away");
  });
});

describe("csvResponse reading ahead", () => {
  it("loads at most two batches ahead of the reader (one ready, one loading), and none after a cancel", async () => {
    const { state, batches } = counting(1);
    const reader = csvResponse("x.csv", ["n"], batches, (r) => [r.n], { readAhead: true }).body!.getReader();
    await new Promise((r) => setTimeout(r, 20));
    expect(state.loaded).toBe(0);
    await reader.read();
    for (let i = 1; i <= 3; i++) {
      expect(new TextDecoder().decode((await reader.read()).value)).toBe(`${i}\r\n`);
      await new Promise((r) => setTimeout(r, 20));
      expect(state.loaded).toBe(i + 2);
    }
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(state.ended).toBe(true);
    expect(state.loaded).toBe(5);
  });

  it("gives the same text as without reading ahead, and passes a failing load on", async () => {
    async function* three() { yield [{ n: 1 }]; yield [{ n: 2 }, { n: 3 }]; yield []; }
    const plain = await csvResponse("x.csv", ["n"], three(), (r) => [r.n]).text();
    expect(await csvResponse("x.csv", ["n"], three(), (r) => [r.n], { readAhead: true }).text()).toBe(plain);
    async function* failing() { yield [{ n: 1 }]; throw new Error("the database went away"); }
    await expect(csvResponse("x.csv", ["n"], failing(), (r) => [r.n], { readAhead: true }).text()).rejects.toThrow("the database went away");
  });
});

describe("keysetPages", () => {
  it("follows the cursor until the last page", async () => {
    const pages: Record<string, { rows: number[]; next: string | null }> = {
      start: { rows: [1, 2], next: "b" }, b: { rows: [3], next: "c" }, c: { rows: [], next: null },
    };
    const seen: (string | undefined)[] = [];
    const out: number[][] = [];
    for await (const rows of keysetPages<number, string>(async (cursor) => { seen.push(cursor); return pages[cursor ?? "start"]!; })) out.push(rows);
    expect(out).toEqual([[1, 2], [3], []]);
    expect(seen).toEqual([undefined, "b", "c"]);
  });
});

describe("minorToDecimal", () => {
  it.each([[16800, "168.00"], [-239, "-2.39"], [5, "0.05"], [0, "0.00"]])("%i → %s", (minor, text) => {
    expect(minorToDecimal(minor)).toBe(text);
  });
});

describe("csvResponse and its export slot", () => {
  const slot = () => {
    const s = { releases: 0, release: () => { s.releases++; } };
    return s;
  };

  it("holds the slot while the download runs and gives it back once, after the last batch", async () => {
    const s = slot();
    async function* four() { for (let n = 1; n <= 4; n++) yield [{ n }]; }
    const reader = csvResponse("x.csv", ["n"], four(), (r) => [r.n], { slot: s }).body!.getReader();
    for (let i = 0; i < 3; i++) await reader.read(); // the header and two batches
    expect(s.releases).toBe(0);
    while (!(await reader.read()).done);
    expect(s.releases).toBe(1);
  });

  it("gives the slot back when the client leaves, and when a load fails, once each", async () => {
    const left = slot();
    const { state, batches } = counting();
    const reader = csvResponse("x.csv", ["n"], batches, (r) => [r.n], { slot: left, readAhead: true }).body!.getReader();
    await reader.read();
    await reader.read();
    expect(left.releases).toBe(0);
    await reader.cancel();
    expect(state.ended).toBe(true);
    expect(left.releases).toBe(1);

    const failed = slot();
    async function* failing() { yield [{ n: 1 }]; throw new Error("the database went away"); }
    const response = csvResponse("x.csv", ["n"], failing(), (r) => [r.n], { slot: failed });
    await expect(response.text()).rejects.toThrow("the database went away");
    expect(failed.releases).toBe(1);
  });
});
