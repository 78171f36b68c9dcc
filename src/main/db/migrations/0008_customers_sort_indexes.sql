DROP INDEX `customers_created`;--> statement-breakpoint
DROP INDEX `customers_last_activity`;--> statement-breakpoint
DROP INDEX `customers_total_spent`;--> statement-breakpoint
DROP INDEX `customers_balance`;--> statement-breakpoint
CREATE INDEX `customers_created_id` ON `customers` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `customers_last_activity_id` ON `customers` (`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `customers_total_spent_id` ON `customers` (`total_spent`,`id`);--> statement-breakpoint
CREATE INDEX `customers_balance_id` ON `customers` (`balance`,`id`);