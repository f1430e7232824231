// `npm start` prepares Next.js while it migrates (lib/cli/server.ts): the jobs Next's instrumentation
// hook starts must wait until the start-up is done with the database, and not start at all if it failed.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startOutboxWorker } from "@/lib/mail/worker";
import { startRenewalSchedule } from "@/lib/renewal-schedule";
import { register } from "@/instrumentation";
import { holdJobsUntil, STARTUP_KEY, type StartupGate } from "./startup-gate";

vi.mock("@/lib/mail/worker", () => ({ startOutboxWorker: vi.fn() }));
vi.mock("@/lib/renewal-schedule", () => ({ startRenewalSchedule: vi.fn() }));
vi.mock("@/lib/server/request-identity", () => ({ stampEveryRequest: vi.fn() }));

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe("the instrumentation hook's jobs", () => {
  beforeEach(() => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("AUTH_SECRET", "test-secret-0123456789-0123456789-0123");
    vi.mocked(startOutboxWorker).mockClear();
    vi.mocked(startRenewalSchedule).mockClear();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    delete (globalThis as StartupGate)[STARTUP_KEY];
  });

  it("start only once the start-up is done with the database", async () => {
    let migrated!: () => void;
    holdJobsUntil(new Promise<void>((resolve) => { migrated = resolve; }));
    await register();
    await settle();
    expect(startOutboxWorker).not.toHaveBeenCalled();
    expect(startRenewalSchedule).not.toHaveBeenCalled();
    migrated();
    await vi.waitFor(() => {
      expect(startOutboxWorker).toHaveBeenCalledOnce();
      expect(startRenewalSchedule).toHaveBeenCalledOnce();
    });
  });

  it("never start when the start-up failed", async () => {
    const failed = Promise.reject(new Error("migration failed"));
    failed.catch(() => {});
    holdJobsUntil(failed);
    await register();
    await settle();
    expect(startOutboxWorker).not.toHaveBeenCalled();
    expect(startRenewalSchedule).not.toHaveBeenCalled();
  });

  it("start at once without a start-up holding them (next start, next dev)", async () => {
    await register();
    await vi.waitFor(() => {
      expect(startOutboxWorker).toHaveBeenCalledOnce();
      expect(startRenewalSchedule).toHaveBeenCalledOnce();
    });
  });
});
