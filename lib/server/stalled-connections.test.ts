// A download whose client stops reading, end to end through Node's HTTP server and the function Next
// pipes a route's response with: the connection is cut, the export's stream cancelled, its slot given back.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { csvTextResponse } from "@/lib/csv";
import { cutStalledConnections } from "./stalled-connections";

// What Next's server does with a route handler's Response (next/dist/server/pipe-readable).
const { pipeToNodeResponse } = (await import("next/dist/server/pipe-readable.js")) as unknown as {
  pipeToNodeResponse(body: ReadableStream<Uint8Array>, res: http.ServerResponse): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LINE = `${"x".repeat(2_000)}\r\n`;

/** A server that answers every request with an export of `batches` batches of 100 long lines (endless without a number). */
async function exportServer(cutAfterMs: number, batches = Infinity) {
  const state = { loaded: 0, ended: false, releases: 0 };
  const server = http.createServer((_req, res) => {
    async function* rows() {
      try {
        for (let i = 0; i < batches; i++) { state.loaded++; yield Array.from({ length: 100 }, () => LINE); }
      } finally {
        state.ended = true;
      }
    }
    const response = csvTextResponse("x.csv", ["x"], rows(), (lines) => lines.join(""), { slot: { release: () => { state.releases++; } } });
    res.writeHead(200, Object.fromEntries(response.headers));
    void pipeToNodeResponse(response.body!, res);
  });
  cutStalledConnections(server, cutAfterMs);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { state, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

let open: http.Server | undefined;
afterEach(() => { open?.closeAllConnections(); open?.close(); open = undefined; });

describe("a stalled download", () => {
  it("is cut when its client reads nothing, which ends the export and gives its slot back", async () => {
    const { state, server, url } = await exportServer(400);
    open = server;
    let client: http.IncomingMessage | undefined;
    await new Promise<void>((resolve) => {
      http.get(url, (res) => {
        client = res;
        res.once("data", () => { res.pause(); resolve(); }); // one chunk, then nothing: the socket's buffers fill up
        res.on("error", () => {});
      }).on("error", () => {});
    });
    const deadline = Date.now() + 5_000;
    while (!state.ended && Date.now() < deadline) await sleep(50);
    expect(state.ended).toBe(true);
    expect(state.releases).toBe(1);
    // The client, reading again, finds the download cut short: it never sees the end of it.
    const ending = await new Promise<string>((resolve) => {
      client!.once("end", () => resolve("complete"));
      client!.once("aborted", () => resolve("cut"));
      client!.once("error", () => resolve("cut"));
      client!.resume();
    });
    expect(ending).toBe("cut");
    // Only what filled the buffers was loaded before the cut; nothing after it.
    const loaded = state.loaded;
    await sleep(300);
    expect(state.loaded).toBe(loaded);
  });

  it("is not cut while its client reads, however long the download takes", async () => {
    const { state, server, url } = await exportServer(400, 60);
    open = server;
    // 12 MB read in small pauses: longer than the cut's delay in all, never that long without a byte.
    const bytes = await new Promise<number>((resolve, reject) => {
      http.get(url, (res) => {
        let n = 0;
        res.on("data", (chunk: Buffer) => {
          n += chunk.length;
          res.pause();
          setTimeout(() => res.resume(), 5);
        });
        res.on("end", () => resolve(n));
        res.on("error", reject);
      }).on("error", reject);
    });
    expect(bytes).toBe(3 + 3 + 60 * 100 * LINE.length);
    expect(state.releases).toBe(1);
  });
});
