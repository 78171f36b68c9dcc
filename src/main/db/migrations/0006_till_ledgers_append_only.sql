-- Ledgers are evidence: rows are written once. The account and points ledgers allow exactly one change, re-pointing
-- customer_id, because merging two customers moves every row that references the duplicate (customers/merge.ts);
-- every other column is frozen. Stock moves reference no customer, so nothing about them may change.
CREATE TRIGGER account_entries_no_update BEFORE UPDATE ON account_entries
WHEN NEW.id IS NOT OLD.id
  OR NEW.kind IS NOT OLD.kind
  OR NEW.amount IS NOT OLD.amount
  OR NEW.currency IS NOT OLD.currency
  OR NEW.document_no IS NOT OLD.document_no
  OR NEW.sales_order_id IS NOT OLD.sales_order_id
  OR NEW.refund_id IS NOT OLD.refund_id
  OR NEW.payment_id IS NOT OLD.payment_id
  OR NEW.due_at IS NOT OLD.due_at
  OR NEW.reverses_id IS NOT OLD.reverses_id
  OR NEW.reason IS NOT OLD.reason
  OR NEW.staff_id IS NOT OLD.staff_id
  OR NEW.at IS NOT OLD.at
  OR NEW.till_id IS NOT OLD.till_id
BEGIN
  SELECT RAISE(ABORT, 'account_entries is append-only: only customer_id may be re-pointed (customer merge)');
END;
--> statement-breakpoint
CREATE TRIGGER account_entries_no_delete BEFORE DELETE ON account_entries
BEGIN
  SELECT RAISE(ABORT, 'account_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER points_entries_no_update BEFORE UPDATE ON points_entries
WHEN NEW.id IS NOT OLD.id
  OR NEW.kind IS NOT OLD.kind
  OR NEW.points IS NOT OLD.points
  OR NEW.sales_order_id IS NOT OLD.sales_order_id
  OR NEW.refund_id IS NOT OLD.refund_id
  OR NEW.operation_id IS NOT OLD.operation_id
  OR NEW.expires_at IS NOT OLD.expires_at
  OR NEW.reason IS NOT OLD.reason
  OR NEW.staff_id IS NOT OLD.staff_id
  OR NEW.at IS NOT OLD.at
  OR NEW.till_id IS NOT OLD.till_id
BEGIN
  SELECT RAISE(ABORT, 'points_entries is append-only: only customer_id may be re-pointed (customer merge)');
END;
--> statement-breakpoint
CREATE TRIGGER points_entries_no_delete BEFORE DELETE ON points_entries
BEGIN
  SELECT RAISE(ABORT, 'points_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves
BEGIN
  SELECT RAISE(ABORT, 'stock_moves is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves
BEGIN
  SELECT RAISE(ABORT, 'stock_moves is append-only');
END;
