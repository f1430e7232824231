// npm start: validate configuration, migrate, seed an empty database, build if needed, then serve.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { getDatabase } from "@/db/client";
import { isDatabaseEmpty, seedDemoData } from "@/db/seed";
import { env } from "@/lib/env";

let config;
try {
  config = env();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const database = getDatabase();
await database.migrate();
if (await isDatabaseEmpty()) {
  await seedDemoData();
  console.log("Seeded the demo data: sign in as claire@helvetia-bakery.test / manager-demo");
}
await database.close();

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
  console.log("No production build yet: building (once)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [nextBin, "start", "-p", String(config.PORT)], {
  stdio: "inherit",
  env: { ...process.env, AUTH_SECRET: config.AUTH_SECRET },
});
// `next start` leaves its child server alive on SIGTERM to the parent: pass signals on, exit with it.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
