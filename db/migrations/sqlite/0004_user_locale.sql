ALTER TABLE `outbox` ADD `locale` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `locale_chosen` integer DEFAULT false NOT NULL;