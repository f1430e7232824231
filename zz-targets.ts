import { createDatabase, setDatabase } from "@/db/client";
import { findTargets } from "@/bench/targets";
setDatabase(createDatabase(process.env.DATABASE_URL!));
const t = await findTargets();
for (const p of t.pages) if (p.deepOf || ["/invoices (Helvetia, 1M)", "/prepaid (500k entries)", "/clients (Alpine, 5,000)"].includes(p.label)) console.log(p.label, "\t", p.who, "\t", p.path);
process.exit(0);
