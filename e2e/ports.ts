export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
/** Where the loopback SMTP server writes each message it accepts, one .eml file per message. */
export const E2E_MAILBOX = ".data/e2e-mailbox";
