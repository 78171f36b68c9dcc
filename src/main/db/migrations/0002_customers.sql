CREATE TABLE `customer_addresses` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text DEFAULT 'billing' NOT NULL,
	`line1` text DEFAULT '' NOT NULL,
	`line2` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`country` text DEFAULT '' NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_addresses_customer` ON `customer_addresses` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_addresses_city` ON `customer_addresses` (`city`,`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`price_list_id` text,
	`payment_terms_days` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_categories_name_unique` ON `customer_categories` (`name`);--> statement-breakpoint
CREATE TABLE `customer_phones` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`e164` text NOT NULL,
	`raw` text NOT NULL,
	`label` text DEFAULT 'mobile' NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_phones_customer` ON `customer_phones` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_phones_e164` ON `customer_phones` (`e164`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`search_key` integer NOT NULL,
	`code` text,
	`type` text DEFAULT 'individual' NOT NULL,
	`title` text,
	`first_name` text,
	`last_name` text,
	`display_name` text NOT NULL,
	`company_name` text,
	`contact_person` text,
	`tax_id` text,
	`registration_no` text,
	`business_type` text,
	`industry` text,
	`date_of_birth` text,
	`birth_month` integer,
	`email` text,
	`email_norm` text,
	`phone_primary_e164` text,
	`preferred_language` text,
	`consent_sms` integer DEFAULT false NOT NULL,
	`consent_whatsapp` integer DEFAULT false NOT NULL,
	`consent_email` integer DEFAULT false NOT NULL,
	`marketing_opt_in` integer DEFAULT false NOT NULL,
	`marketing_opt_in_at` integer,
	`category_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`notes_important` integer DEFAULT false NOT NULL,
	`payment_terms_days` integer,
	`credit_limit` integer,
	`loyalty_card_no` text,
	`status` text DEFAULT 'active' NOT NULL,
	`merged_into_id` text,
	`last_activity_at` integer,
	`total_spent` integer DEFAULT 0 NOT NULL,
	`balance` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text,
	`till_id` text NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `customer_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_into_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_search_key` ON `customers` (`search_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_code` ON `customers` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_loyalty_card_no` ON `customers` (`loyalty_card_no`);--> statement-breakpoint
CREATE INDEX `customers_status_name` ON `customers` (`status`,`display_name`);--> statement-breakpoint
CREATE INDEX `customers_category` ON `customers` (`category_id`,`display_name`);--> statement-breakpoint
CREATE INDEX `customers_created` ON `customers` (`created_at`);--> statement-breakpoint
CREATE INDEX `customers_last_activity` ON `customers` (`last_activity_at`);--> statement-breakpoint
CREATE INDEX `customers_total_spent` ON `customers` (`total_spent`);--> statement-breakpoint
CREATE INDEX `customers_balance` ON `customers` (`balance`);--> statement-breakpoint
CREATE INDEX `customers_birth_month` ON `customers` (`birth_month`);--> statement-breakpoint
CREATE INDEX `customers_email_norm` ON `customers` (`email_norm`);--> statement-breakpoint
CREATE INDEX `customers_phone_primary` ON `customers` (`phone_primary_e164`);--> statement-breakpoint
CREATE INDEX `customers_tax_id` ON `customers` (`tax_id`);--> statement-breakpoint
CREATE INDEX `customers_merged_into` ON `customers` (`merged_into_id`);