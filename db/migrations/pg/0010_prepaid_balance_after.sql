-- The balance right after each ledger entry becomes a stored fact (issue #10: a deep page or a filtered
-- page no longer sums the newer ledger). The backfill is the figure the pages showed until now: the
-- account's balance less every entry newer than this one in ledger order (created_at, id), i.e. the
-- running sum anchored on the balance row. The append-only trigger refuses the backfill's UPDATE, so it
-- is dropped and created again, unchanged, inside this migration's transaction.
ALTER TABLE "prepaid_entries" ADD COLUMN "balance_after_minor" integer;
--> statement-breakpoint
DROP TRIGGER prepaid_entries_append_only ON prepaid_entries;
--> statement-breakpoint
UPDATE "prepaid_entries" AS e SET "balance_after_minor" = b.balance
FROM (
  SELECT x."id",
    coalesce(a."balance_minor", sum(x."amount_minor") OVER (PARTITION BY x."partner_org_id"))
      - sum(x."amount_minor") OVER (PARTITION BY x."partner_org_id")
      + sum(x."amount_minor") OVER (PARTITION BY x."partner_org_id" ORDER BY x."created_at", x."id" ROWS UNBOUNDED PRECEDING) AS balance
  FROM "prepaid_entries" x LEFT JOIN "prepaid_accounts" a ON a."org_id" = x."partner_org_id"
) AS b
WHERE b."id" = e."id";
--> statement-breakpoint
ALTER TABLE "prepaid_entries" ALTER COLUMN "balance_after_minor" SET NOT NULL;
--> statement-breakpoint
CREATE TRIGGER prepaid_entries_append_only BEFORE UPDATE OR DELETE ON prepaid_entries FOR EACH ROW EXECUTE FUNCTION pm_reject_change();
