// Edits the audit trail behind the app's back, the way someone with direct database access would:
// its own connection, raw SQL, and the append-only triggers switched off for the statement.
import { createClient } from "@libsql/client";
import pg from "pg";
import type { Engine } from "./db";

type Value = string | number | null;

/** Runs one UPDATE or DELETE on audit_events with the triggers bypassed. `?` marks parameters. */
export async function tamper(engine: Engine, url: string, statement: string, args: Value[] = []): Promise<void> {
  if (engine === "sqlite") {
    const client = createClient({ url });
    try {
      // SQLite cannot disable a trigger: drop it, run the statement, put back its exact definition.
      const { rows } = await client.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'");
      const triggers = rows.map((r) => ({ name: String(r.name), sql: String(r.sql) }));
      if (triggers.length === 0) throw new Error("expected the append-only triggers on audit_events");
      for (const t of triggers) await client.execute(`DROP TRIGGER "${t.name}"`);
      try {
        await client.execute({ sql: statement, args });
      } finally {
        for (const t of triggers) await client.execute(t.sql);
      }
    } finally {
      client.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let n = 0;
    await client.query("BEGIN");
    // Replica mode skips ordinary triggers for this transaction only (needs a superuser, as an attacker with DB access would be).
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(statement.replace(/\?/g, () => `$${++n}`), args);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Runs a statement as the app's own connection would, triggers in force; for asserting they refuse. */
export async function rawStatement(engine: Engine, url: string, statement: string, args: Value[] = []): Promise<void> {
  if (engine === "sqlite") {
    const client = createClient({ url });
    try {
      await client.execute({ sql: statement, args });
    } finally {
      client.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let n = 0;
    await client.query(statement.replace(/\?/g, () => `$${++n}`), args);
  } finally {
    await client.end();
  }
}
