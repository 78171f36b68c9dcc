DROP INDEX `refunds_at`;--> statement-breakpoint
CREATE INDEX `refunds_at_customer` ON `refunds` (`at`,`status`,`customer_id`,`total`);--> statement-breakpoint
DROP INDEX `sales_orders_completed`;--> statement-breakpoint
CREATE INDEX `sales_orders_completed_customer` ON `sales_orders` (`completed_at`,`status`,`customer_id`,`total`);--> statement-breakpoint
DROP INDEX `points_entries_at_kind_points`;--> statement-breakpoint
CREATE INDEX `points_entries_at_kind_points` ON `points_entries` (`at`,`kind`,`points`,`customer_id`);--> statement-breakpoint
CREATE INDEX `account_entries_at_kind` ON `account_entries` (`at`,`kind`,`customer_id`,`amount`);