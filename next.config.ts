import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  // Database drivers stay plain Node modules, loaded at run time rather than bundled; fontkit with them,
  // as the one copy pdfkit lays text out with (lib/billing/pdf-fonts.ts opens the invoice's fonts with it).
  serverExternalPackages: ["@libsql/client", "libsql", "pg", "nodemailer", "pdfkit", "fontkit"],
  poweredByHeader: false,
  // `npm start` compresses the responses itself (lib/cli/server.ts): the CSV exports at gzip's fastest
  // level. A bare `next start` or `next dev` of this app therefore sends them uncompressed.
  compress: false,
  // Several instances must serve the same build (docs/deployment.md): build once and ship that .next to
  // every instance. Whoever builds on each instance instead sets the same BUILD_ID (and the same
  // NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, which also salts the action ids) for every build.
  generateBuildId: async () => process.env.BUILD_ID || null,
  experimental: {
    // proxy.ts reads server-action bodies (lib/server/action-request.ts refuses those over 1 MB):
    // buffer a little more than that to see the excess, rather than the 10 MB default.
    proxyClientMaxBodySize: "2mb",
    // Next loads every route's server code when it starts, on the thread that answers the first request
    // (about 40 routes: the first answer came twice as late as a small app's). `npm start` loads them
    // right after its first answer instead (lib/cli/server.ts), the way it starts the background jobs.
    preloadEntriesOnStart: false,
  },
};

// next-intl: i18n/request.ts gives each request its locale and messages. The catalogues are compiled
// at build time, so the browser gets next-intl's small formatter instead of the ICU parser (about
// 9 KiB gzip less first-load JS; docs/i18n.md).
export default createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: ["en", "fr-CH", "de-CH", "it-CH"], precompile: true } },
})(nextConfig);
