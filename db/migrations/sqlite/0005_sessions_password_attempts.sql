CREATE TABLE `password_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`subject` text NOT NULL,
	`ip` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `password_attempts_subject_idx` ON `password_attempts` (`scope`,`subject`,`created_at`);--> statement-breakpoint
CREATE INDEX `password_attempts_subject_ip_idx` ON `password_attempts` (`scope`,`subject`,`ip`,`created_at`);--> statement-breakpoint
CREATE INDEX `password_attempts_created_idx` ON `password_attempts` (`created_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
DROP TABLE `login_failures`;