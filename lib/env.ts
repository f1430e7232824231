// Configuration from the environment, validated once with clear messages.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { isQrIban, normalizeIban } from "./billing/references";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, "DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)")
    .default("file:.data/partner-manager.db"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Partner Manager <no-reply@partner-manager.test>"),
  // Payment-mode changes of one partnership within this many seconds make one email per recipient
  // (docs/architecture.md, "Emails"); 0 sends every change's email at once.
  MAIL_COALESCE_SECONDS: z.coerce
    .number("MAIL_COALESCE_SECONDS must be a whole number of seconds")
    .int("MAIL_COALESCE_SECONDS must be a whole number of seconds")
    .min(0, "MAIL_COALESCE_SECONDS cannot be negative")
    .max(3600, "MAIL_COALESCE_SECONDS above 3600 (an hour) delays emails too long")
    .default(120),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url("APP_URL must be an absolute URL such as https://manager.example.com").optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  // How long a worker holds the messages it claimed; sends stop being started after half of it.
  OUTBOX_LEASE_MS: z.coerce.number().int().min(2_000).max(3_600_000).default(60_000),
  WORKER_IN_APP: z.enum(["on", "off"]).default("on"),
  RENEWALS_IN_APP: z.enum(["on", "off"]).default("on"),
  TRUSTED_PROXY_HOPS: z.coerce
    .number("TRUSTED_PROXY_HOPS must be a whole number: how many proxies you run in front of the app (0 when none)")
    .int("TRUSTED_PROXY_HOPS must be a whole number: how many proxies you run in front of the app (0 when none)")
    .min(0, "TRUSTED_PROXY_HOPS cannot be negative")
    .max(10, "TRUSTED_PROXY_HOPS above 10 is surely a mistake")
    .default(0),
  // CSV downloads running at once in one server process (lib/server/export-slots.ts); more answer 429.
  EXPORTS_AT_ONCE: z.coerce
    .number("EXPORTS_AT_ONCE must be a whole number")
    .int("EXPORTS_AT_ONCE must be a whole number")
    .min(1, "EXPORTS_AT_ONCE must be at least 1")
    .max(64, "EXPORTS_AT_ONCE above 64 is surely a mistake: each export holds memory and a database connection's time")
    .default(8),
  // A response whose client has taken nothing for this long is cut (lib/cli/server.ts): a stalled
  // download would otherwise hold its memory and its export slot for as long as the connection lasts.
  STALLED_RESPONSE_SECONDS: z.coerce
    .number("STALLED_RESPONSE_SECONDS must be a whole number of seconds")
    .int("STALLED_RESPONSE_SECONDS must be a whole number of seconds")
    .min(5, "STALLED_RESPONSE_SECONDS below 5 would cut slow but working connections")
    .max(3600, "STALLED_RESPONSE_SECONDS above 3600 (an hour) lets a stalled download hold its export too long")
    .default(60),
  // The platform operator, who issues every invoice (MWSTG art. 26): the defaults are a fictitious demo
  // company and the Swiss Payment Standards' sample QR-IBAN, so a demo invoice can never be paid for real.
  SELLER_NAME: z.string().min(2).max(70).default("Demo Hosting AG (fictitious)"),
  SELLER_STREET: z.string().min(2).max(70).default("Musterstrasse 1"),
  SELLER_POSTAL_CODE: z.string().min(2).max(16).default("8000"),
  SELLER_CITY: z.string().min(2).max(35).default("Zürich"),
  SELLER_COUNTRY: z.string().regex(/^[A-Z]{2}$/, "SELLER_COUNTRY must be a two-letter ISO country code such as CH").default("CH"),
  SELLER_VAT_NUMBER: z.string().regex(/^CHE-\d{3}\.\d{3}\.\d{3}( (MWST|TVA|IVA))?$/, "SELLER_VAT_NUMBER must look like CHE-123.456.789 MWST").default("CHE-123.456.789 MWST"),
  SELLER_QR_IBAN: z.string()
    .refine((v) => isQrIban(v), "SELLER_QR_IBAN must be a Swiss QR-IBAN (institution id 30000–31999) with valid check digits")
    .transform(normalizeIban)
    .default("CH4431999123000889012"),
  // Days between an invoice's issue and its due date.
  PAYMENT_TERMS_DAYS: z.coerce.number().int().min(0, "PAYMENT_TERMS_DAYS cannot be negative").max(120, "PAYMENT_TERMS_DAYS above 120 is surely a mistake").default(30),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; APP_URL: string };

let cached: Env | undefined;

/** Reads and validates the environment; throws one readable error listing every problem. */
export function env(): Env {
  if (cached) return cached;
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  cached = {
    ...e,
    AUTH_SECRET: e.AUTH_SECRET ?? developmentSecret(),
    APP_URL: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
  };
  return cached;
}

/** Without AUTH_SECRET, a random secret is generated once and kept under .data/ (development only). */
function developmentSecret(): string {
  const file = path.join(process.cwd(), ".data", "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process (the server, the worker) wrote it first: everyone uses that one.
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
      throw error;
    }
    console.warn(`AUTH_SECRET is not set: generated a development secret in ${file}. Set AUTH_SECRET in production.`);
    return secret;
  }
}
