DROP INDEX `customers_status_name`;--> statement-breakpoint
CREATE INDEX `customers_status_name_key` ON `customers` (`status`,`display_name`,`id`,`search_key`);