// A connection on which nothing has moved for a while is cut. Node's HTTP server keeps a socket open for
// as long as its client does: a client that asks for a download and then reads nothing leaves the
// response blocked on a full socket buffer, holding its export's batches, its gzip window and its export
// slot (lib/server/export-slots.ts) for as long as the connection lasts. With this, after `ms` without a
// byte read or written the socket is destroyed; Next then aborts the response, which cancels the
// export's stream and gives its slot back (lib/csv.ts). A client that reads, however slowly, keeps its
// connection: every write that reaches it counts as activity. When the timeout fires Node re-arms it
// once if the socket's write queue moved since the last write, so a stalled download is cut between
// one and two times `ms` after its buffers filled (docs/benchmarks.md, "Twelfth pass"). Idle keep-alive
// connections end earlier, by Node's keepAliveTimeout (5 s).
import "server-only";
import type { Server } from "node:http";

export function cutStalledConnections(server: Server, ms: number): void {
  server.setTimeout(ms);
}
