// Invitation links: a random token goes into the email; only its SHA-256 is stored, so a database
// read alone cannot be turned into a working link.
import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, URL-safe: unguessable, and short enough for a link. */
export function newInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Only what newInvitationToken can produce is looked up; anything else is not a link of ours. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function invitationPath(token: string): string {
  return `/invitations/${token}`;
}
