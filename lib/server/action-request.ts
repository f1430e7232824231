// Server-action requests that React could not decode, answered before they reach it: 400 for a body
// that is not what React's client sends, 403 for a foreign Origin, 413 for a body over the limit.
// React and Next would otherwise throw while decoding (answering with an error payload and logging a
// stack trace) or, for an oversized body, fail the request late. Called first thing by proxy.ts.
//
// What a legitimate client sends for this app's actions (React's encodeReply):
// - `Next-Action: <hex id>` with `text/plain`: a JSON array of the arguments, in which strings that
//   start with "$" are references. Plain values only need "$$…" (an escaped "$"), "$undefined", "$D…"
//   (a date), "$n…" (a bigint), "$-0", "$NaN", "$Infinity", "$-Infinity".
// - `Next-Action` with `multipart/form-data`: the same JSON in field "0", plus "$K<n>" references to
//   FormData arguments whose entries are the fields "_<n>_<name>" (plain strings).
// - No `Next-Action`, `multipart/form-data` (a form posted before JavaScript loaded): "$ACTION_ID_<id>"
//   or "$ACTION_REF_<n>" with "$ACTION_<n>:<m>" JSON fields, which may use "$@<n>" (bound arguments).
// Anything else (temporary, server, stream, map references; invalid JSON; 5,000-deep nesting; files)
// no action of this app can receive, so it is refused whole.

export const MAX_ACTION_BODY_BYTES = 1024 * 1024;
const MAX_JSON_DEPTH = 64;
const MAX_JSON_NODES = 100_000;

export type ActionVerdict = { ok: true } | { ok: false; status: 400 | 403 | 413; reason: string };

const OK: ActionVerdict = { ok: true };
const bad = (reason: string): ActionVerdict => ({ ok: false, status: 400, reason });

const ACTION_ID = /^[0-9a-f]{2,128}$/i;
const PLAIN_REFERENCE = /^\$(\$|undefined$|D|n-?\d+$|-0$|NaN$|Infinity$|-Infinity$)/;
const FORM_REFERENCE = /^\$K[0-9a-f]{1,8}$/;
const BOUND_REFERENCE = /^\$@[0-9a-f]{1,8}$/;
const FORM_ACTION_JSON_FIELD = /^(?:_[0-9a-f]{1,8}_)?\$ACTION_\d{1,8}:\d{1,8}$/;
const FORM_ACTION_MARKER = /^(?:_[0-9a-f]{1,8}_)?\$ACTION_(ID_[0-9a-f]{2,128}|REF_\d{1,8})$/i;

type Headers = { get(name: string): string | null };

/** Whether Next would treat this request as a server action (a POST to a page with an action body). */
export function isActionRequest(method: string, pathname: string, headers: Headers): boolean {
  if (method !== "POST" || pathname.startsWith("/api/")) return false;
  if (headers.get("next-action") !== null) return true;
  return (headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/** The verdict on what can be known before reading the body: origin, action id, declared size, type. */
export function checkActionHeaders(headers: Headers): ActionVerdict {
  const origin = headers.get("origin");
  if (origin !== null) {
    const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]!.trim().toLowerCase();
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      // "null" (a sandboxed page) and garbage are not this site either.
    }
    if (!originHost || originHost !== host) return { ok: false, status: 403, reason: "foreign origin" };
  }
  const action = headers.get("next-action");
  if (action !== null && !ACTION_ID.test(action)) return bad("malformed action id");
  const length = headers.get("content-length");
  if (length !== null && !(Number(length) <= MAX_ACTION_BODY_BYTES)) return { ok: false, status: 413, reason: "body too large" };
  const type = (headers.get("content-type") ?? "").toLowerCase();
  if (action !== null && !type.startsWith("text/plain") && !type.startsWith("multipart/form-data")) return bad("unexpected content type");
  return OK;
}

/** The verdict on a whole request: headers, then the body as text (text/plain) or as form entries (multipart). */
export function checkActionRequest(headers: Headers, body: string | Iterable<[string, FormDataEntryValue]>): ActionVerdict {
  const head = checkActionHeaders(headers);
  if (!head.ok) return head;
  if (typeof body === "string") {
    if (Buffer.byteLength(body) > MAX_ACTION_BODY_BYTES) return { ok: false, status: 413, reason: "body too large" };
    if (headers.get("next-action") === null) return bad("not an action body");
    return checkJson(body, { root: "array", allow: [] });
  }
  const hasActionHeader = headers.get("next-action") !== null;
  let size = 0;
  let root = false;
  let marker = false;
  for (const [name, value] of body) {
    if (typeof value !== "string") return bad("file in an action body");
    size += name.length + value.length;
    if (size > MAX_ACTION_BODY_BYTES) return { ok: false, status: 413, reason: "body too large" };
    if (name === "0") {
      root = true;
      const verdict = checkJson(value, { root: "array", allow: [FORM_REFERENCE] });
      if (!verdict.ok) return verdict;
    } else if (FORM_ACTION_JSON_FIELD.test(name)) {
      const verdict = checkJson(value, { root: "any", allow: [FORM_REFERENCE, BOUND_REFERENCE] });
      if (!verdict.ok) return verdict;
    } else if (FORM_ACTION_MARKER.test(name)) {
      marker = true;
    }
  }
  if (hasActionHeader ? !root : !marker) return bad("not an action body");
  return OK;
}

/** JSON text whose shape React's client could have produced for plain arguments. */
function checkJson(text: string, { root, allow }: { root: "array" | "any"; allow: RegExp[] }): ActionVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad("invalid JSON");
  }
  if (root === "array" && !Array.isArray(value)) return bad("arguments are not an array");
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++nodes > MAX_JSON_NODES) return bad("too many values");
    if (typeof v === "string") {
      if (v.startsWith("$") && !PLAIN_REFERENCE.test(v) && !allow.some((re) => re.test(v))) return bad("unsupported reference");
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) return bad("nested too deeply");
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return OK;
}

/**
 * For proxy.ts: null to let the request through, or the response refusing it. Reads the body only of
 * action requests (Next buffers it for the action handler, which reads it again).
 */
export async function rejectMalformedAction(request: Request & { nextUrl?: URL }): Promise<Response | null> {
  const pathname = request.nextUrl?.pathname ?? new URL(request.url).pathname;
  if (!isActionRequest(request.method, pathname, request.headers)) return null;
  let verdict = checkActionHeaders(request.headers);
  if (verdict.ok) {
    try {
      const type = (request.headers.get("content-type") ?? "").toLowerCase();
      const body = type.startsWith("multipart/form-data") ? (await request.clone().formData()).entries() : await request.clone().text();
      verdict = checkActionRequest(request.headers, body);
    } catch {
      verdict = bad("undecodable body");
    }
  }
  if (verdict.ok) return null;
  const text = { 400: "Bad Request", 403: "Forbidden", 413: "Payload Too Large" }[verdict.status];
  return new Response(`${text}: ${verdict.reason}\n`, { status: verdict.status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
