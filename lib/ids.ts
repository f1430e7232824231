import { randomUUID } from "node:crypto";

/** Random, unguessable identifiers: a forged id never lands on another tenant's row by luck. */
export const newId = (): string => randomUUID();

/**
 * Whether text from an address (a path segment, a query value) can be one of our ids: letters, digits,
 * "-" and "_", at most 64. Anything else names no row, and is answered "not found" without a query:
 * PostgreSQL refuses to compare text holding a NUL byte (a `%00` in the address), which was a 500.
 */
export const isWellFormedId = (id: string): boolean => /^[\w-]{1,64}$/.test(id);
