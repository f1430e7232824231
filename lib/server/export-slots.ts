// How many CSV downloads run at once. Each export holds a batch or two of rows, its gzip window and, while
// its client reads, a share of the database and of the one thread; a client that opens exports without
// reading them holds all of that until it leaves. Measured before this bound (docs/benchmarks.md, "Twelfth
// pass"): 100 exports opened by one user and left unread took the server from 130 to 313 MB, 400 to 611 MB,
// and a page then answered in 0.25–0.63 s. So an export takes a slot, at most EXPORTS_PER_USER per user
// and EXPORTS_AT_ONCE (configuration) per server process, and gives it back when it ends, fails or its
// client leaves (lib/csv.ts); a client that stops reading without leaving is cut after
// STALLED_RESPONSE_SECONDS (lib/cli/server.ts), which ends the export the same way. Beyond the bound the
// answer is 429 with Retry-After, and nothing runs.
import "server-only";
import { env } from "@/lib/env";

/** Exports one user may run at once (every tab and session of theirs together). */
export const EXPORTS_PER_USER = 2;

/** What an export holds while it runs; `release` may be called any number of times, it counts once. */
export type ExportSlot = { release(): void };

const running = new Map<string, number>();
let total = 0;

/** The exports running now, for tests and the bench. */
export function exportsRunning(): { total: number; perUser: ReadonlyMap<string, number> } {
  return { total, perUser: running };
}

/** A slot for this user's export, or why there is none. Call it after authorization, right before answering. */
export function takeExportSlot(userId: string, { atOnce = env().EXPORTS_AT_ONCE } = {}): ExportSlot | "user_busy" | "server_busy" {
  const mine = running.get(userId) ?? 0;
  if (mine >= EXPORTS_PER_USER) return "user_busy";
  if (total >= atOnce) return "server_busy";
  running.set(userId, mine + 1);
  total++;
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      total--;
      const left = (running.get(userId) ?? 1) - 1;
      if (left > 0) running.set(userId, left);
      else running.delete(userId);
    },
  };
}

const BUSY_TEXT = {
  user_busy: `You already have ${EXPORTS_PER_USER} downloads running. Wait until one of them has finished, then try again.`,
  server_busy: "The server is busy with other downloads. Try again in a moment.",
} as const;

/** 429: the user's or the server's exports are all taken. Plain text, like the exports' other refusals. */
export function exportsBusyResponse(why: "user_busy" | "server_busy"): Response {
  return new Response(BUSY_TEXT[why], {
    status: 429,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": why === "user_busy" ? "30" : "10" },
  });
}

/**
 * Answers an export request: the response `respond` builds with a slot of this user's, or 429. A HEAD
 * request gets the same status and headers without running the export (Next answers HEAD with the GET
 * handler and never reads, nor cancels, the body it drops), so it takes no slot.
 */
export function exportWithSlot(request: Request, userId: string, respond: (slot: ExportSlot) => Response): Response {
  if (request.method === "HEAD") {
    const response = respond({ release() {} });
    void response.body?.cancel();
    return new Response(null, { status: response.status, headers: response.headers });
  }
  const slot = takeExportSlot(userId);
  if (typeof slot === "string") return exportsBusyResponse(slot);
  try {
    return respond(slot);
  } catch (error) {
    slot.release();
    throw error;
  }
}
