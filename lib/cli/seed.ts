// npm run db:seed: migrates, then loads the demo data into an empty database (never over HTTP).
import { getDatabase } from "@/db/client";
import { isDatabaseEmpty, seedDemoData } from "@/db/seed";
import { env } from "@/lib/env";

env();
const database = getDatabase();
await database.exclusively(async () => {
  await database.migrate();
  if (await isDatabaseEmpty()) {
    await seedDemoData();
    console.log(`Seeded the ${database.dialect} database with the demo data (password: manager-demo).`);
  } else {
    console.log("The database already holds data: nothing seeded.");
  }
});
await database.close();
