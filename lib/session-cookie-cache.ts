// The decoded session cookies a server process remembers (lib/request.ts): bounded, least recently
// used dropped first, each entry dropped at its expiry, keyed by a SHA-256 of the cookie (the token
// itself is not kept in memory).
import { createHash } from "node:crypto";

export const SESSION_CACHE_MAX = 5_000;

export class ExpiringLru<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  constructor(private readonly max: number) {}

  /** The key of a cookie value under a cookie name: a digest, so the token itself is not kept. */
  static keyOf(name: string, raw: string): string {
    return createHash("sha256").update(name).update("\0").update(raw).digest("base64url");
  }

  /** The value, if present and not expired at `now`; a hit becomes the most recently used. */
  get(key: string, now: number): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (hit.expiresAt <= now) return undefined;
    this.entries.set(key, hit); // most recently used: last in the map's order
    return hit.value;
  }

  /** Remembers a value until `expiresAt` (nothing if that is not after `now`), dropping the least recently used beyond the bound. */
  set(key: string, value: V, expiresAt: number, now: number): void {
    if (!(expiresAt > now)) return;
    this.entries.delete(key);
    while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The process's decoded session cookies: who each says is signed in, and which session (lib/request.ts). */
export const decodedSessions = new ExpiringLru<{ userId: string; sessionId: string }>(SESSION_CACHE_MAX);
