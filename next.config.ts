import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Database drivers stay plain Node modules, loaded at run time rather than bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "pg", "nodemailer", "pdfkit"],
  poweredByHeader: false,
  experimental: {
    // proxy.ts reads server-action bodies (lib/server/action-request.ts refuses those over 1 MB):
    // buffer a little more than that to see the excess, rather than the 10 MB default.
    proxyClientMaxBodySize: "2mb",
  },
};

export default nextConfig;
