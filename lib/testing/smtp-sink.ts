// A real SMTP server on loopback for tests and benchmarks: counts every message it accepts by its
// Message-ID (so a duplicate shows), and can be told to answer slowly or never.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type SmtpSink = {
  url: string;
  port: number;
  /** Message-IDs of the accepted messages, in order of acceptance (a resend appears twice). */
  accepted: string[];
  /** Messages whose DATA has arrived, accepted or not yet. */
  arrived: number;
  /** How many times each Message-ID was accepted. */
  counts(): Map<string, number>;
  /** The accepted messages as received (only with `keepMessages`). */
  messages: Buffer[];
  close(): Promise<void>;
};

export async function startSmtpSink(options: {
  port?: number;
  /** Wait this long after DATA before answering 250. */
  delayMs?: number;
  /** Never answer DATA (a relay that hangs). */
  hang?: boolean;
  /** Keep each accepted message's bytes, to read it back (off for benchmarks). */
  keepMessages?: boolean;
} = {}): Promise<SmtpSink> {
  const accepted: string[] = [];
  const messages: Buffer[] = [];
  const sink = { arrived: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    closeTimeout: 500,
    maxClients: 1000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        sink.arrived++;
        if (options.hang) return;
        const head = Buffer.concat(chunks).toString("utf8", 0, 8192);
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? `(no id ${accepted.length})`;
        const accept = () => {
          accepted.push(id);
          if (options.keepMessages) messages.push(Buffer.concat(chunks));
          callback();
        };
        if (options.delayMs) setTimeout(accept, options.delayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    accepted,
    messages,
    get arrived() { return sink.arrived; },
    counts() {
      const m = new Map<string, number>();
      for (const id of accepted) m.set(id, (m.get(id) ?? 0) + 1);
      return m;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
