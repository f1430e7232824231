CREATE TABLE `audit_chain` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_seq` integer NOT NULL,
	`last_hash` text
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`actor_user_id` text,
	`actor_org_id` text,
	`partnership_id` text,
	`customer_org_id` text,
	`partner_org_id` text,
	`before` text,
	`after` text,
	`request_id` text,
	`ip` text,
	`user_agent` text,
	`created_at` integer NOT NULL,
	`seq` integer NOT NULL,
	`prev_hash` text,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_seq_uq` ON `audit_events` (`seq`);--> statement-breakpoint
CREATE INDEX `audit_events_partnership_idx` ON `audit_events` (`partnership_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_created_idx` ON `audit_events` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_customer_idx` ON `audit_events` (`customer_org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_partner_idx` ON `audit_events` (`partner_org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_kind_idx` ON `audit_events` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`partnership_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_partnership_idx` ON `invitations` (`partnership_id`);--> statement-breakpoint
CREATE TABLE `invoice_counters` (
	`org_id` text PRIMARY KEY NOT NULL,
	`last_seq` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL,
	`position` integer NOT NULL,
	`description` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`vat_rate_bp` integer NOT NULL,
	`vat_minor` integer NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoice_lines_invoice_idx` ON `invoice_lines` (`invoice_id`,`position`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`order_id` text,
	`for_org_id` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`subtotal_minor` integer NOT NULL,
	`vat_minor` integer NOT NULL,
	`total_minor` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`paid_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`for_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_org_seq_uq` ON `invoices` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `invoices_org_issued_idx` ON `invoices` (`org_id`,`issued_at`,`id`);--> statement-breakpoint
CREATE INDEX `invoices_org_status_idx` ON `invoices` (`org_id`,`status`,`issued_at`);--> statement-breakpoint
CREATE INDEX `invoices_org_for_idx` ON `invoices` (`org_id`,`for_org_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `org_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `memberships_org_role_idx` ON `memberships` (`org_id`,`role`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`customer_org_id` text NOT NULL,
	`partnership_id` text,
	`kind` text NOT NULL,
	`placed_by_user_id` text,
	`placed_by_org_id` text,
	`payer_org_id` text NOT NULL,
	`public_price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`dedupe_key` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payer_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_dedupe_uq` ON `orders` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`customer_org_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_product_idx` ON `orders` (`product_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`country` text NOT NULL,
	`vat_rate_bp` integer,
	`is_partner` integer DEFAULT false NOT NULL,
	`reseller_rate_bp` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `organizations_name_idx` ON `organizations` (`name`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`template` text NOT NULL,
	`to_user_id` text,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text NOT NULL,
	`partnership_id` text,
	`audit_event_id` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_partnership_idx` ON `outbox` (`partnership_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `partnership_products` (
	`partnership_id` text NOT NULL,
	`product_id` text NOT NULL,
	PRIMARY KEY(`partnership_id`, `product_id`),
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partnership_products_product_idx` ON `partnership_products` (`product_id`);--> statement-breakpoint
CREATE TABLE `partnerships` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_org_id` text NOT NULL,
	`partner_org_id` text NOT NULL,
	`status` text NOT NULL,
	`access` text NOT NULL,
	`payment_mode` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`activated_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`customer_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partnerships_live_pair_uq` ON `partnerships` (`customer_org_id`,`partner_org_id`) WHERE status in ('pending', 'active');--> statement-breakpoint
CREATE INDEX `partnerships_customer_idx` ON `partnerships` (`customer_org_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `partnerships_partner_idx` ON `partnerships` (`partner_org_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `partnerships_status_idx` ON `partnerships` (`status`,`payment_mode`);--> statement-breakpoint
CREATE TABLE `prepaid_accounts` (
	`org_id` text PRIMARY KEY NOT NULL,
	`currency` text NOT NULL,
	`balance_minor` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "prepaid_accounts_balance_non_negative" CHECK("prepaid_accounts"."balance_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE `prepaid_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_org_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`order_id` text,
	`customer_org_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`partner_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `prepaid_entries_partner_idx` ON `prepaid_entries` (`partner_org_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`offer` text NOT NULL,
	`category` text NOT NULL,
	`label` text NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`renewal_date` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `products_org_idx` ON `products` (`org_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `products_renewal_idx` ON `products` (`status`,`renewal_date`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_auditor` integer DEFAULT false NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);