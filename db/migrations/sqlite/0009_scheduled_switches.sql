CREATE TABLE `scheduled_switches` (
	`id` text PRIMARY KEY NOT NULL,
	`partnership_id` text NOT NULL,
	`payment_mode` text NOT NULL,
	`effective_date` text NOT NULL,
	`status` text NOT NULL,
	`partnership_version` integer NOT NULL,
	`scheduled_by_user_id` text NOT NULL,
	`scheduled_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by_user_id` text,
	`drop_reason` text,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scheduled_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheduled_switches_pending_uq` ON `scheduled_switches` (`partnership_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `scheduled_switches_due_idx` ON `scheduled_switches` (`status`,`effective_date`);--> statement-breakpoint
CREATE INDEX `scheduled_switches_partnership_idx` ON `scheduled_switches` (`partnership_id`,`scheduled_at`);