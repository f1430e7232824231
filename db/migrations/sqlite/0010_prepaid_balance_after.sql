-- The balance right after each ledger entry becomes a stored fact (issue #10: a deep page or a filtered
-- page no longer sums the newer ledger). SQLite cannot make an added column NOT NULL without a default,
-- so the table is rebuilt (the migrator runs with foreign_keys off; withdrawals.entry_id follows the
-- name). The backfill is the figure the pages showed until now: the account's balance less every entry
-- newer than this one in ledger order (created_at, id), i.e. the running sum anchored on the balance row.
-- Dropping the old table drops its append-only triggers; they are created again, unchanged, at the end.
CREATE TABLE `__new_prepaid_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_org_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`order_id` text,
	`customer_org_id` text,
	`invoice_id` text,
	`created_at` integer NOT NULL,
	`balance_after_minor` integer NOT NULL,
	FOREIGN KEY (`partner_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_prepaid_entries` (`id`, `partner_org_id`, `kind`, `amount_minor`, `currency`, `order_id`, `customer_org_id`, `invoice_id`, `created_at`, `balance_after_minor`)
SELECT e.`id`, e.`partner_org_id`, e.`kind`, e.`amount_minor`, e.`currency`, e.`order_id`, e.`customer_org_id`, e.`invoice_id`, e.`created_at`,
  coalesce(a.`balance_minor`, sum(e.`amount_minor`) OVER (PARTITION BY e.`partner_org_id`))
    - sum(e.`amount_minor`) OVER (PARTITION BY e.`partner_org_id`)
    + sum(e.`amount_minor`) OVER (PARTITION BY e.`partner_org_id` ORDER BY e.`created_at`, e.`id` ROWS UNBOUNDED PRECEDING)
FROM `prepaid_entries` e LEFT JOIN `prepaid_accounts` a ON a.`org_id` = e.`partner_org_id`;
--> statement-breakpoint
DROP TABLE `prepaid_entries`;
--> statement-breakpoint
ALTER TABLE `__new_prepaid_entries` RENAME TO `prepaid_entries`;
--> statement-breakpoint
CREATE INDEX `prepaid_entries_partner_idx` ON `prepaid_entries` (`partner_org_id`,`created_at`,`id`);
--> statement-breakpoint
CREATE INDEX `prepaid_entries_customer_idx` ON `prepaid_entries` (`partner_org_id`,`customer_org_id`,`created_at`,`id`);
--> statement-breakpoint
CREATE TRIGGER `prepaid_entries_no_update` BEFORE UPDATE ON `prepaid_entries`
BEGIN SELECT RAISE(ABORT, 'prepaid account entries are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `prepaid_entries_no_delete` BEFORE DELETE ON `prepaid_entries`
BEGIN SELECT RAISE(ABORT, 'prepaid account entries are append-only'); END;
