// The production server's start-up (lib/cli/server.ts) prepares Next.js while it migrates the database.
// Next's instrumentation hook runs during that preparation, so the jobs it starts (the outbox worker,
// the renewal schedule) wait here until the start-up lets them go (the database migrated, the server
// listening): on a fresh database they would otherwise query tables that do not exist yet. On
// globalThis, because the server entry and Next's bundles each have their own copy of this module.
export const STARTUP_KEY = "partnerManagerStartup";

export type StartupGate = { [STARTUP_KEY]?: Promise<unknown> };

/** The server entry: jobs started from now on wait for `ready` (they never start if it rejects). */
export function holdJobsUntil(ready: Promise<unknown>): void {
  (globalThis as StartupGate)[STARTUP_KEY] = ready;
}

/**
 * Runs `start` once the start-up is done with the database: at once when no start-up holds the jobs
 * (`next start`, `next dev`, tests); never when the start-up failed (the process exits then).
 */
export function afterStartup(start: () => void | Promise<void>): Promise<void> {
  const ready = (globalThis as StartupGate)[STARTUP_KEY] ?? Promise.resolve();
  return ready.then(
    () => start(),
    () => undefined,
  );
}
