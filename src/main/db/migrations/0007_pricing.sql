CREATE TABLE `offer_uses` (
	`id` text PRIMARY KEY NOT NULL,
	`offer_id` text NOT NULL,
	`customer_id` text,
	`sales_order_id` text NOT NULL,
	`at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `offer_uses_customer` ON `offer_uses` (`customer_id`,`offer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `offer_uses_order_offer` ON `offer_uses` (`sales_order_id`,`offer_id`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`scope` text NOT NULL,
	`target_id` text,
	`min_spend` integer,
	`min_qty_milli` integer,
	`eligible_categories` text DEFAULT '[]' NOT NULL,
	`eligible_tags` text DEFAULT '[]' NOT NULL,
	`eligible_tiers` text DEFAULT '[]' NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`per_customer_limit` integer,
	`stackable` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`till_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `offers_active` ON `offers` (`active`);--> statement-breakpoint
CREATE TABLE `price_list_items` (
	`id` text PRIMARY KEY NOT NULL,
	`price_list_id` text NOT NULL,
	`product_id` text,
	`category_id` text,
	`kind` text NOT NULL,
	`price` integer,
	`bp` integer,
	`min_qty_milli` integer DEFAULT 0 NOT NULL,
	`raises` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`price_list_id`) REFERENCES `price_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `price_list_items_list` ON `price_list_items` (`price_list_id`);--> statement-breakpoint
CREATE TABLE `price_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`valid_from` integer,
	`valid_to` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`till_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_lists_name` ON `price_lists` (`name`);--> statement-breakpoint
ALTER TABLE `customers` ADD `price_list_id` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `loyalty_tier` text;