// Starts a real SMTP server on loopback for the whole run; the app's outbox worker delivers to it.
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { E2E_MAILBOX, E2E_SMTP_PORT } from "./ports";

export default async function globalSetup() {
  fs.rmSync(E2E_MAILBOX, { recursive: true, force: true });
  fs.mkdirSync(E2E_MAILBOX, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const file = path.join(E2E_MAILBOX, `${Date.now()}-${++n}.eml`);
        fs.writeFileSync(file, Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(E2E_SMTP_PORT, "127.0.0.1", () => resolve());
  });
  return async () => new Promise<void>((resolve) => server.close(() => resolve()));
}
