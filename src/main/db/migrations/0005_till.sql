CREATE TABLE `product_barcodes` (
	`code` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_barcodes_product` ON `product_barcodes` (`product_id`);--> statement-breakpoint
CREATE TABLE `product_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`till_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_categories_name_unique` ON `product_categories` (`name`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`sku` text,
	`name` text NOT NULL,
	`price` integer NOT NULL,
	`cost` integer,
	`tax_rate_id` text,
	`category_id` text,
	`unit` text DEFAULT 'piece' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`stock_on_hand_milli` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`tax_rate_id`) REFERENCES `tax_rates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `product_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_sku` ON `products` (`sku`);--> statement-breakpoint
CREATE INDEX `products_active_name` ON `products` (`active`,`name`);--> statement-breakpoint
CREATE INDEX `products_category` ON `products` (`category_id`,`name`);--> statement-breakpoint
CREATE TABLE `stock_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`qty_milli` integer NOT NULL,
	`kind` text NOT NULL,
	`reason` text,
	`sales_order_id` text,
	`refund_id` text,
	`staff_id` text,
	`at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_moves_product` ON `stock_moves` (`product_id`,`at`);--> statement-breakpoint
CREATE INDEX `stock_moves_sales_order` ON `stock_moves` (`sales_order_id`);--> statement-breakpoint
CREATE TABLE `account_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`document_no` text,
	`sales_order_id` text,
	`refund_id` text,
	`payment_id` text,
	`due_at` integer,
	`reverses_id` text,
	`reason` text,
	`staff_id` text,
	`at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_entries_customer_at` ON `account_entries` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `account_entries_sales_order` ON `account_entries` (`sales_order_id`);--> statement-breakpoint
CREATE INDEX `account_entries_kind_due` ON `account_entries` (`kind`,`due_at`);--> statement-breakpoint
CREATE TABLE `points_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`points` integer NOT NULL,
	`sales_order_id` text,
	`refund_id` text,
	`operation_id` text NOT NULL,
	`expires_at` integer,
	`reason` text,
	`staff_id` text,
	`at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `points_entries_operation` ON `points_entries` (`operation_id`);--> statement-breakpoint
CREATE INDEX `points_entries_customer_at` ON `points_entries` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `points_entries_sales_order` ON `points_entries` (`sales_order_id`);--> statement-breakpoint
CREATE TABLE `parked_sales` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`customer_id` text,
	`cart` text NOT NULL,
	`staff_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `parked_sales_created` ON `parked_sales` (`created_at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`sales_order_id` text,
	`customer_id` text,
	`method` text NOT NULL,
	`amount` integer NOT NULL,
	`tendered` integer,
	`change` integer,
	`reference` text,
	`note` text,
	`reverses_id` text,
	`staff_id` text,
	`at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`sales_order_id`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_sales_order` ON `payments` (`sales_order_id`);--> statement-breakpoint
CREATE INDEX `payments_customer_at` ON `payments` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `payments_at` ON `payments` (`at`);--> statement-breakpoint
CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`printer_id` text,
	`template` text NOT NULL,
	`data` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer,
	`sales_order_id` text,
	`refund_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`till_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `print_jobs_status_next` ON `print_jobs` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `print_jobs_sales_order` ON `print_jobs` (`sales_order_id`);--> statement-breakpoint
CREATE TABLE `refund_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`refund_id` text NOT NULL,
	`sales_line_id` text NOT NULL,
	`qty_milli` integer NOT NULL,
	`net` integer NOT NULL,
	`tax` integer NOT NULL,
	`total` integer NOT NULL,
	`restock` integer NOT NULL,
	`created_at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sales_line_id`) REFERENCES `sales_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refund_lines_refund` ON `refund_lines` (`refund_id`);--> statement-breakpoint
CREATE INDEX `refund_lines_sales_line` ON `refund_lines` (`sales_line_id`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`sales_order_id` text NOT NULL,
	`customer_id` text,
	`status` text NOT NULL,
	`method` text NOT NULL,
	`subtotal` integer NOT NULL,
	`tax_total` integer NOT NULL,
	`total` integer NOT NULL,
	`reason` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`staff_id` text NOT NULL,
	`at` integer NOT NULL,
	`cancelled_at` integer,
	`cancelled_by` text,
	`cancel_reason` text,
	`created_at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`sales_order_id`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_number` ON `refunds` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_idempotency_key` ON `refunds` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `refunds_sales_order` ON `refunds` (`sales_order_id`);--> statement-breakpoint
CREATE INDEX `refunds_customer_at` ON `refunds` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `refunds_at` ON `refunds` (`at`);--> statement-breakpoint
CREATE TABLE `sales_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`sales_order_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`name` text NOT NULL,
	`sku` text,
	`unit` text NOT NULL,
	`qty_milli` integer NOT NULL,
	`regular_unit_price` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`price_rule_id` text,
	`price_reason` text DEFAULT 'regular' NOT NULL,
	`price_overridden` integer DEFAULT false NOT NULL,
	`amount` integer NOT NULL,
	`line_discount_kind` text,
	`line_discount_value` integer,
	`line_discount` integer DEFAULT 0 NOT NULL,
	`order_discount_share` integer DEFAULT 0 NOT NULL,
	`tax_rate_bp` integer NOT NULL,
	`tax` integer NOT NULL,
	`net` integer NOT NULL,
	`total` integer NOT NULL,
	`created_at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`sales_order_id`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sales_lines_order` ON `sales_lines` (`sales_order_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `sales_lines_product` ON `sales_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `sales_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`customer_id` text,
	`staff_id` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`prices_include_tax` integer NOT NULL,
	`subtotal` integer NOT NULL,
	`discount_total` integer NOT NULL,
	`tax_total` integer NOT NULL,
	`rounding` integer DEFAULT 0 NOT NULL,
	`total` integer NOT NULL,
	`regular_total` integer NOT NULL,
	`paid_total` integer NOT NULL,
	`on_account_total` integer DEFAULT 0 NOT NULL,
	`change_given` integer DEFAULT 0 NOT NULL,
	`order_discount_kind` text,
	`order_discount_value` integer,
	`approved_by` text,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`completed_at` integer NOT NULL,
	`voided_at` integer,
	`voided_by` text,
	`void_reason` text,
	`created_at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_orders_number` ON `sales_orders` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `sales_orders_idempotency_key` ON `sales_orders` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `sales_orders_customer_completed` ON `sales_orders` (`customer_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `sales_orders_completed` ON `sales_orders` (`completed_at`);--> statement-breakpoint
ALTER TABLE `customers` ADD `points_balance` integer DEFAULT 0 NOT NULL;