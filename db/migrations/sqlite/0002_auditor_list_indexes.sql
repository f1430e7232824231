CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_status_created_idx` ON `outbox` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `partnerships_created_idx` ON `partnerships` (`created_at`,`id`);