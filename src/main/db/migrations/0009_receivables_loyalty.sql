CREATE TABLE `account_allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`debit_entry_id` text NOT NULL,
	`credit_entry_id` text NOT NULL,
	`amount` integer NOT NULL,
	`staff_id` text,
	`at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debit_entry_id`) REFERENCES `account_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credit_entry_id`) REFERENCES `account_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_allocations_debit` ON `account_allocations` (`debit_entry_id`);--> statement-breakpoint
CREATE INDEX `account_allocations_credit` ON `account_allocations` (`credit_entry_id`);--> statement-breakpoint
CREATE INDEX `account_allocations_customer` ON `account_allocations` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `debt_alert_acks` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`rule` text NOT NULL,
	`action` text NOT NULL,
	`until` integer,
	`staff_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `debt_alert_acks_customer` ON `debt_alert_acks` (`customer_id`,`rule`,`at`);--> statement-breakpoint
CREATE TABLE `loyalty_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`card_no` text NOT NULL,
	`status` text NOT NULL,
	`issued_at` integer NOT NULL,
	`ended_at` integer,
	`staff_id` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loyalty_cards_card_no` ON `loyalty_cards` (`card_no`);--> statement-breakpoint
CREATE INDEX `loyalty_cards_customer` ON `loyalty_cards` (`customer_id`);