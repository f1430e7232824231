import { randomUUID } from "node:crypto";

/** Random, unguessable identifiers: a forged id never lands on another tenant's row by luck. */
export const newId = (): string => randomUUID();
