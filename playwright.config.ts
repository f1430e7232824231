import { defineConfig } from "@playwright/test";
import { E2E_PORT, E2E_SMTP_PORT } from "./e2e/ports";

// The app runs on a fresh SQLite database and sends mail to a real SMTP server on loopback (e2e/smtp-sink.ts).
export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "rm -f .data/e2e.db .data/e2e.db-wal .data/e2e.db-shm && npm start",
    url: `http://127.0.0.1:${E2E_PORT}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      PORT: String(E2E_PORT),
      DATABASE_URL: "file:.data/e2e.db",
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      MAIL_FROM: "Partner Manager <no-reply@manager.test>",
      APP_URL: `http://127.0.0.1:${E2E_PORT}`,
      OUTBOX_POLL_MS: "1000",
      // Payment-mode emails wait this long for later changes to fold into them (120 s in production):
      // short, so each spec's email arrives in seconds, and changes made within it still coalesce.
      MAIL_COALESCE_SECONDS: "2",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
