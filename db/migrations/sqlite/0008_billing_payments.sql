CREATE TABLE `bank_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`bank_reference` text NOT NULL,
	`direction` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`reference` text,
	`booked_on` text,
	`outcome` text NOT NULL,
	`detail` text,
	`invoice_id` text,
	`withdrawal_id` text,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawal_id`) REFERENCES `withdrawals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_payments_reference_uq` ON `bank_payments` (`bank_reference`,`direction`);--> statement-breakpoint
CREATE TABLE `invoice_reminders` (
	`invoice_id` text NOT NULL,
	`level` integer NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`invoice_id`, `level`),
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `withdrawals` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_org_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`iban` text NOT NULL,
	`reference` text NOT NULL,
	`status` text NOT NULL,
	`requested_by_user_id` text,
	`requested_at` integer NOT NULL,
	`paid_at` integer,
	FOREIGN KEY (`partner_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `prepaid_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `withdrawals_entry_uq` ON `withdrawals` (`entry_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `withdrawals_reference_uq` ON `withdrawals` (`reference`);--> statement-breakpoint
CREATE INDEX `withdrawals_partner_idx` ON `withdrawals` (`partner_org_id`,`requested_at`);--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `code` text;--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `params` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `due_date` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `payment_terms_days` integer;--> statement-breakpoint
ALTER TABLE `invoices` ADD `supply_start` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `supply_end` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `qr_reference` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `seller` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `buyer` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `payment_method` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `payment_reference` text;--> statement-breakpoint
CREATE INDEX `invoices_org_status_due_idx` ON `invoices` (`org_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `invoices_status_due_idx` ON `invoices` (`status`,`due_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_qr_reference_uq` ON `invoices` (`qr_reference`);--> statement-breakpoint
ALTER TABLE `organizations` ADD `billing_street` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `billing_postal_code` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `billing_city` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `billing_country` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `payout_iban` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `attachment` text;--> statement-breakpoint
ALTER TABLE `prepaid_entries` ADD `invoice_id` text REFERENCES invoices(id);--> statement-breakpoint
-- ─── Hand-written (billing_payments): keep this block when renumbering the migration ───────────────────
-- Invoices issued before due dates existed: the default terms, 30 days after the day of issue (the
-- Zurich day, taken as UTC + 1 hour: off by one only for an invoice issued after 23:00 in summer).
DROP TRIGGER `invoices_only_payment`;
--> statement-breakpoint
UPDATE `invoices` SET `due_date` = date(`issued_at` / 1000, 'unixepoch', '+1 hours', '+30 days'), `payment_terms_days` = 30
WHERE `due_date` IS NULL;
--> statement-breakpoint
-- The one change an issued invoice accepts is still its payment: unpaid → paid, with the date and the
-- method (and the bank's or ledger's reference). Every other column, the new ones included, is frozen.
CREATE TRIGGER `invoices_only_payment` BEFORE UPDATE ON `invoices`
WHEN OLD.`status` <> 'unpaid' OR NEW.`status` <> 'paid' OR NEW.`paid_at` IS NULL
  OR NEW.`payment_method` IS NULL OR NEW.`payment_method` NOT IN ('prepaid', 'bank_transfer')
  OR NEW.`id` IS NOT OLD.`id` OR NEW.`org_id` IS NOT OLD.`org_id` OR NEW.`seq` IS NOT OLD.`seq`
  OR NEW.`number` IS NOT OLD.`number` OR NEW.`order_id` IS NOT OLD.`order_id`
  OR NEW.`for_org_id` IS NOT OLD.`for_org_id` OR NEW.`currency` IS NOT OLD.`currency`
  OR NEW.`subtotal_minor` IS NOT OLD.`subtotal_minor` OR NEW.`vat_minor` IS NOT OLD.`vat_minor`
  OR NEW.`total_minor` IS NOT OLD.`total_minor` OR NEW.`issued_at` IS NOT OLD.`issued_at`
  OR NEW.`due_date` IS NOT OLD.`due_date` OR NEW.`payment_terms_days` IS NOT OLD.`payment_terms_days`
  OR NEW.`supply_start` IS NOT OLD.`supply_start` OR NEW.`supply_end` IS NOT OLD.`supply_end`
  OR NEW.`qr_reference` IS NOT OLD.`qr_reference` OR NEW.`seller` IS NOT OLD.`seller` OR NEW.`buyer` IS NOT OLD.`buyer`
BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END;
--> statement-breakpoint
-- A withdrawal changes once: requested → paid, with the date; never deleted.
CREATE TRIGGER `withdrawals_only_payout` BEFORE UPDATE ON `withdrawals`
WHEN OLD.`status` <> 'requested' OR NEW.`status` <> 'paid' OR NEW.`paid_at` IS NULL
  OR NEW.`id` IS NOT OLD.`id` OR NEW.`partner_org_id` IS NOT OLD.`partner_org_id` OR NEW.`entry_id` IS NOT OLD.`entry_id`
  OR NEW.`amount_minor` IS NOT OLD.`amount_minor` OR NEW.`currency` IS NOT OLD.`currency` OR NEW.`iban` IS NOT OLD.`iban`
  OR NEW.`reference` IS NOT OLD.`reference` OR NEW.`requested_by_user_id` IS NOT OLD.`requested_by_user_id`
  OR NEW.`requested_at` IS NOT OLD.`requested_at`
BEGIN SELECT RAISE(ABORT, 'withdrawals change only from requested to paid'); END;
--> statement-breakpoint
CREATE TRIGGER `withdrawals_no_delete` BEFORE DELETE ON `withdrawals`
BEGIN SELECT RAISE(ABORT, 'withdrawals are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `invoice_reminders_no_update` BEFORE UPDATE ON `invoice_reminders`
BEGIN SELECT RAISE(ABORT, 'reminders are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `invoice_reminders_no_delete` BEFORE DELETE ON `invoice_reminders`
BEGIN SELECT RAISE(ABORT, 'reminders are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `bank_payments_no_update` BEFORE UPDATE ON `bank_payments`
BEGIN SELECT RAISE(ABORT, 'imported bank payments are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `bank_payments_no_delete` BEFORE DELETE ON `bank_payments`
BEGIN SELECT RAISE(ABORT, 'imported bank payments are append-only'); END;
