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
  },
});
