import path from "node:path";

// The repository's root holds the lockfile and node_modules this app is built with.
export default { poweredByHeader: false, turbopack: { root: path.resolve(import.meta.dirname, "../..") } };
