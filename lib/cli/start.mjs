// npm start: builds once if there is no production build, then runs the compiled server entry
// (lib/cli/server.ts → .next/pm-server/server.mjs) in this very process: migrate, seed, serve, stop on SIGTERM.
// Plain JavaScript so that no TypeScript loader or wrapper process stays beside the server.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Before React and Next load: they pick their production builds from it.
process.env.NODE_ENV = "production";

const entry = path.join(process.cwd(), ".next", "pm-server", "server.mjs");
if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID")) || !fs.existsSync(entry)) {
  console.log("No production build yet: building (once)…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(pathToFileURL(entry).href);
