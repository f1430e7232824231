// For tests written against English texts of screens and actions that are not converted yet: the demo
// people speak French, German and Italian (db/seed.ts), so such a test switches them all to English
// after seeding. A test of a converted feature asserts in each person's own language instead.
import { getDatabase } from "@/db/client";

export async function speakEnglish(): Promise<void> {
  const { transaction, schema } = getDatabase();
  await transaction((tx) => tx.update(schema.users).set({ locale: "en", localeChosen: true }));
}
