CREATE TABLE `message_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`template` text NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'sending' NOT NULL,
	`total` integer NOT NULL,
	`interval_ms` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_batches_idempotency_key_unique` ON `message_batches` (`idempotency_key`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `batch_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `template_values` text;--> statement-breakpoint
CREATE INDEX `outbox_batch_status` ON `outbox` (`batch_id`,`status`);