import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Database drivers stay plain Node modules, loaded at run time rather than bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "pg", "nodemailer", "pdfkit"],
  poweredByHeader: false,
};

export default nextConfig;
