DROP INDEX `account_allocations_debit`;--> statement-breakpoint
DROP INDEX `account_allocations_credit`;--> statement-breakpoint
CREATE INDEX `account_allocations_debit_at` ON `account_allocations` (`debit_entry_id`,`at`,`amount`);--> statement-breakpoint
CREATE INDEX `account_allocations_credit_at` ON `account_allocations` (`credit_entry_id`,`at`,`amount`);--> statement-breakpoint
DROP INDEX `account_entries_customer_at`;--> statement-breakpoint
CREATE INDEX `account_entries_customer_items` ON `account_entries` (`customer_id`,`at`,`id`,`amount`,`due_at`,`kind`,`document_no`,`reverses_id`);