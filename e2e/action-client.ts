// Calls server actions over plain HTTP, as React's client does (Next-Action header, the arguments as
// JSON text), with a session cookie from the real sign-in action. Action ids come from the build's
// manifest, so the calls reach exactly what the browser would.
import fs from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD } from "./pages";

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

/** `<file>#<export>` → action id, from the production build. */
export function actionIds(): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as Manifest;
  return Object.fromEntries(Object.entries(manifest.node).map(([id, v]) => [`${v.filename}#${v.exportedName}`, id]));
}

/** Signs in through the login form's action and returns the session cookie header. */
export async function signInOverHttp(base: string, email: string): Promise<string> {
  const form = new FormData();
  // React's encoding of login(previousState, formData): the form's fields under the reference "_1_".
  form.append("_1_email", email);
  form.append("_1_password", DEMO_PASSWORD);
  form.append("_1_next", "/");
  form.append("0", JSON.stringify([null, "$K1"]));
  const r = await fetch(`${base}/login`, {
    method: "POST", body: form, redirect: "manual",
    headers: { "Next-Action": actionIds()["app/(auth)/login/actions.ts#login"]!, Origin: base, Accept: "text/x-component" },
  });
  const cookie = r.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").filter((c) => c.startsWith("authjs.session-token")).join("; ");
  if (!cookie) throw new Error(`sign-in as ${email} failed (${r.status}): ${(await r.text()).slice(0, 200)}`);
  return cookie;
}

/** Escapes strings the way React's encodeReply does ("$" starts a reference, so a literal one is "$$"). */
function encodeArgs(args: unknown[]): string {
  return JSON.stringify(args, (_k, v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v === undefined ? "$undefined" : v));
}

export type ActionResponse = { status: number; result: Record<string, unknown> | null; text: string };

/** Posts an action with JSON arguments to a page, as a signed-in browser would. */
export async function callAction(base: string, pagePath: string, action: string, args: unknown[], cookie: string): Promise<ActionResponse> {
  const r = await fetch(`${base}${pagePath}`, {
    method: "POST",
    body: encodeArgs(args),
    headers: {
      "Next-Action": actionIds()[action]!, Origin: base, Cookie: cookie, Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
    },
  });
  const text = await r.text();
  const line = text.split("\n").find((l) => l.startsWith("1:"));
  let result: Record<string, unknown> | null = null;
  try {
    result = line ? (JSON.parse(line.slice(2)) as Record<string, unknown>) : null;
  } catch {
    result = null;
  }
  return { status: r.status, result, text };
}
