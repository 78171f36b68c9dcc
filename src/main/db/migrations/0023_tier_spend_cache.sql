-- The loyalty tier's rolling spend, cached on the customer so that a sale need not sum the customer's sales and
-- refunds of the tier window (the one read of a sale with no counterpart in what it writes; see
-- src/main/domains/loyalty/tiers.ts and docs/decisions/0035-tier-spend-cache.md). The cache holds the spend of every
-- completed sale less every completed refund at or after tier_spend_since, and the earliest time among them
-- (tier_spend_oldest_at, NULL when there are none). It answers for a later window start W while
-- tier_spend_since <= W <= tier_spend_oldest_at: nothing counted has left the window and nothing left out has entered.
-- NULL tier_spend means unknown; the next tier recompute sums the tables and fills it again.
ALTER TABLE `customers` ADD `tier_spend` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `tier_spend_since` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `tier_spend_oldest_at` integer;--> statement-breakpoint
-- A completed sale written with a customer is added, as the sum would count it. Any other change to what the sum
-- reads (a void, a merge moving sales, a refund, whoever makes it: the app, an import, a repair) forgets the cache.
CREATE TRIGGER sales_orders_tier_spend_insert AFTER INSERT ON sales_orders
WHEN NEW.customer_id IS NOT NULL AND NEW.status = 'completed'
BEGIN
  UPDATE customers SET tier_spend = tier_spend + NEW.total + NEW.rounding,
    tier_spend_oldest_at = min(coalesce(tier_spend_oldest_at, NEW.completed_at), NEW.completed_at)
  WHERE id = NEW.customer_id AND tier_spend IS NOT NULL AND NEW.completed_at >= tier_spend_since;
END;
--> statement-breakpoint
CREATE TRIGGER sales_orders_tier_spend_update AFTER UPDATE OF customer_id, status, total, rounding, completed_at
ON sales_orders
BEGIN
  UPDATE customers SET tier_spend = NULL WHERE id IN (OLD.customer_id, NEW.customer_id) AND tier_spend IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER sales_orders_tier_spend_delete AFTER DELETE ON sales_orders
BEGIN
  UPDATE customers SET tier_spend = NULL WHERE id = OLD.customer_id AND tier_spend IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER refunds_tier_spend_insert AFTER INSERT ON refunds
BEGIN
  UPDATE customers SET tier_spend = NULL WHERE id = NEW.customer_id AND tier_spend IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER refunds_tier_spend_update AFTER UPDATE OF customer_id, status, subtotal, tax_total, at ON refunds
BEGIN
  UPDATE customers SET tier_spend = NULL WHERE id IN (OLD.customer_id, NEW.customer_id) AND tier_spend IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER refunds_tier_spend_delete AFTER DELETE ON refunds
BEGIN
  UPDATE customers SET tier_spend = NULL WHERE id = OLD.customer_id AND tier_spend IS NOT NULL;
END;
