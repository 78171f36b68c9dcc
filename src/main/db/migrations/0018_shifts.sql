CREATE TABLE `cash_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`shift_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`reason` text,
	`staff_id` text NOT NULL,
	`approved_by` text,
	`at` integer NOT NULL,
	`till_id` text NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cash_movements_shift` ON `cash_movements` (`shift_id`,`at`);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`till_id` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`opening_float` integer NOT NULL,
	`float_counts` text,
	`blind` integer DEFAULT false NOT NULL,
	`closed_by` text,
	`closed_at` integer,
	`counted_cash` integer,
	`counts` text,
	`expected_cash` integer,
	`difference` integer,
	`close_note` text,
	`report` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`review_note` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shifts_number` ON `shifts` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `shifts_one_open_per_till` ON `shifts` (`till_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `shifts_till_opened` ON `shifts` (`till_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `shifts_opened` ON `shifts` (`opened_at`);--> statement-breakpoint
CREATE INDEX `payments_at_takings` ON `payments` (`at`,`till_id`,`method`,`sales_order_id`,`reverses_id`,`amount`);--> statement-breakpoint
CREATE INDEX `refunds_at_method` ON `refunds` (`at`,`till_id`,`method`,`status`,`total`);--> statement-breakpoint
CREATE INDEX `refunds_cancelled` ON `refunds` (`cancelled_at`) WHERE cancelled_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sales_orders_voided` ON `sales_orders` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
-- A shift's opening is fixed once written; a closed shift is immutable, but for the manager's review, given once.
-- Corrections are new entries (a pay-in or pay-out in the next shift), never edits.
CREATE TRIGGER shifts_opening_fixed BEFORE UPDATE ON shifts
WHEN NEW.id IS NOT OLD.id
  OR NEW.number IS NOT OLD.number
  OR NEW.till_id IS NOT OLD.till_id
  OR NEW.currency IS NOT OLD.currency
  OR NEW.opened_by IS NOT OLD.opened_by
  OR NEW.opened_at IS NOT OLD.opened_at
  OR NEW.opening_float IS NOT OLD.opening_float
  OR NEW.float_counts IS NOT OLD.float_counts
  OR NEW.blind IS NOT OLD.blind
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'a shift''s opening cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER shifts_closed_immutable BEFORE UPDATE ON shifts
WHEN OLD.status = 'closed' AND (
  NEW.status IS NOT OLD.status
  OR NEW.closed_by IS NOT OLD.closed_by
  OR NEW.closed_at IS NOT OLD.closed_at
  OR NEW.counted_cash IS NOT OLD.counted_cash
  OR NEW.counts IS NOT OLD.counts
  OR NEW.expected_cash IS NOT OLD.expected_cash
  OR NEW.difference IS NOT OLD.difference
  OR NEW.close_note IS NOT OLD.close_note
  OR NEW.report IS NOT OLD.report
  OR OLD.reviewed_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'a closed shift cannot change: only a manager''s review may be added, once');
END;
--> statement-breakpoint
CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
BEGIN
  SELECT RAISE(ABORT, 'shifts are kept: a shift cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER cash_movements_open_shift_only BEFORE INSERT ON cash_movements
WHEN (SELECT status FROM shifts WHERE id = NEW.shift_id) IS NOT 'open'
BEGIN
  SELECT RAISE(ABORT, 'cash can only move in an open shift');
END;
--> statement-breakpoint
CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements
BEGIN
  SELECT RAISE(ABORT, 'cash_movements is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements
BEGIN
  SELECT RAISE(ABORT, 'cash_movements is append-only');
END;
