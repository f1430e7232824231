// npm run audit:verify [-- --anchor <seq>:<hash> ...]: walks the audit hash chain of the database
// DATABASE_URL names and reports the first broken link. Exit code 0 intact, 1 broken, 2 could not run.
// Read only: it never migrates or writes.
import { verifyAuditChain } from "@/db/audit-verify";
import { getDatabase } from "@/db/client";
import { parseAnchor, type ChainAnchor } from "@/lib/audit-verify";
import { env } from "@/lib/env";

function parseArgs(argv: string[]): { anchors: ChainAnchor[] } | { error: string } {
  const anchors: ChainAnchor[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === "--anchor" ? argv[++i] : arg.startsWith("--anchor=") ? arg.slice("--anchor=".length) : undefined;
    if (value === undefined) return { error: `unknown argument "${arg}" (usage: audit:verify [--anchor <seq>:<sha256 hex>]...)` };
    const anchor = parseAnchor(value);
    if (!anchor) return { error: `--anchor wants <seq>:<64 hex digits>, got "${value}"` };
    anchors.push(anchor);
  }
  return { anchors };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(args.error);
    return 2;
  }
  env();
  const database = getDatabase();
  try {
    const report = await verifyAuditChain({ anchors: args.anchors });
    if (report.ok) {
      console.log(`Audit chain intact: ${report.checked} event(s) verified on ${database.dialect}.`);
      // Recording this line outside the database later proves the events up to it were not rewritten.
      if (report.head.hash) console.log(`Head: --anchor ${report.head.seq}:${report.head.hash}`);
      return 0;
    }
    const { broken } = report;
    console.error(`Audit chain BROKEN at event #${broken.seq}${broken.id ? ` (id ${broken.id})` : ""}: ${broken.problem}`);
    console.error(`  ${broken.detail}`);
    console.error(`  ${report.checked} event(s) before it verified intact.`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
