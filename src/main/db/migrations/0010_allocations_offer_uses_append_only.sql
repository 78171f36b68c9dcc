-- Allocations are evidence like the ledger they allocate: written once, undone only by a negative row. Offer uses
-- enforce per-customer limits, so deleting one would hand out an offer again. Both allow re-pointing customer_id
-- because a customer merge moves every linked row to the survivor.
CREATE TRIGGER account_allocations_no_update BEFORE UPDATE ON account_allocations
WHEN NEW.id IS NOT OLD.id
  OR NEW.debit_entry_id IS NOT OLD.debit_entry_id
  OR NEW.credit_entry_id IS NOT OLD.credit_entry_id
  OR NEW.amount IS NOT OLD.amount
  OR NEW.staff_id IS NOT OLD.staff_id
  OR NEW.at IS NOT OLD.at
  OR NEW.till_id IS NOT OLD.till_id
BEGIN
  SELECT RAISE(ABORT, 'account_allocations is append-only: only customer_id may be re-pointed (customer merge)');
END;
--> statement-breakpoint
CREATE TRIGGER account_allocations_no_delete BEFORE DELETE ON account_allocations
BEGIN
  SELECT RAISE(ABORT, 'account_allocations is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER offer_uses_no_update BEFORE UPDATE ON offer_uses
WHEN NEW.id IS NOT OLD.id
  OR NEW.offer_id IS NOT OLD.offer_id
  OR NEW.sales_order_id IS NOT OLD.sales_order_id
  OR NEW.at IS NOT OLD.at
  OR NEW.till_id IS NOT OLD.till_id
BEGIN
  SELECT RAISE(ABORT, 'offer_uses is append-only: only customer_id may be re-pointed (customer merge)');
END;
--> statement-breakpoint
CREATE TRIGGER offer_uses_no_delete BEFORE DELETE ON offer_uses
BEGIN
  SELECT RAISE(ABORT, 'offer_uses is append-only');
END;
--> statement-breakpoint
-- Cards issued before the card history existed become that history's active rows.
INSERT INTO loyalty_cards (id, customer_id, card_no, status, issued_at, ended_at, staff_id)
SELECT 'card-' || id, id, loyalty_card_no, 'active', created_at, NULL, NULL
FROM customers WHERE loyalty_card_no IS NOT NULL;
