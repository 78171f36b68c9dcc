ALTER TABLE `customers` ADD `opening_spent` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `opening_orders` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `opening_first_at` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `opening_last_at` integer;--> statement-breakpoint
CREATE INDEX `customers_points_id` ON `customers` (`points_balance`,`id`);