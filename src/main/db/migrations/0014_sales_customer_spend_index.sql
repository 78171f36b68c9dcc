DROP INDEX `sales_orders_customer_completed`;--> statement-breakpoint
CREATE INDEX `sales_orders_customer_spend` ON `sales_orders` (`customer_id`,`completed_at`,`status`,`total`,`rounding`);