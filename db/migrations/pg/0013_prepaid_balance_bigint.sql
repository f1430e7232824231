-- Nothing caps a partner's prepaid balance (every cashback adds to it): past an integer's range (CHF 21,474,836.47)
-- every cashback-earning order failed on PostgreSQL ("integer out of range"). 64-bit, as SQLite's
-- integers always were; the stored balance after each entry copies it, so it follows. Each table is
-- rewritten once under its lock (row triggers, such as the ledger's append-only one, do not fire).
ALTER TABLE "prepaid_accounts" ALTER COLUMN "balance_minor" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "prepaid_entries" ALTER COLUMN "balance_after_minor" SET DATA TYPE bigint;