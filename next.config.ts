import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  // Database drivers stay plain Node modules, loaded at run time rather than bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "pg", "nodemailer", "pdfkit"],
  poweredByHeader: false,
};

export default createNextIntlPlugin("./i18n/request.ts")(nextConfig);
