import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside Next's react-server build, "server-only" would throw on import.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/empty-module.ts"),
    },
  },
  test: {
    include: ["{lib,db,app}/**/*.test.ts"],
    environment: "node",
    // Transformed by Vitest rather than loaded by Node, so a test's mock of "next/headers" reaches
    // next-auth too (app/api/auth/session-layer.test.ts runs the real Auth.js handlers).
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The test files share PostgreSQL; each creates its own database, so files may run in parallel.
    fileParallelism: true,
    // Vitest's default is one worker fewer than the cores: on CI's two cores, one file at a time. Most of
    // a file's time is spent waiting on PostgreSQL, SQLite's disk and sockets, so two files at once take
    // 226 s instead of 397 s on two cores, each file about as long as alone; three gained 15 s more
    // while the files themselves took up to 1.7× longer, which timing-bound tests would feel.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
