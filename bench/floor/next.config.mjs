import path from "node:path";

// The repository's root holds the lockfile and node_modules this app is built with.
const config = { poweredByHeader: false, turbopack: { root: path.resolve(import.meta.dirname, "../..") } };

export default config;
