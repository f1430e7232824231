// npm run db:migrate: applies the committed migrations of the engine DATABASE_URL points at.
import { getDatabase } from "@/db/client";
import { env } from "@/lib/env";

env();
const database = getDatabase();
await database.exclusively(() => database.migrate());
console.log(`Migrated the ${database.dialect} database.`);
await database.close();
