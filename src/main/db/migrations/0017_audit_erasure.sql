-- The audit log stays append-only, with one exception the law requires: while a customer is being erased (the
-- erase holds a row in audit_erasing inside its own transaction and removes it before committing), the values in
-- entries may be blanked. Nothing else of a row (who, when, what action, on what) can change, and no row can go.
CREATE TABLE audit_erasing (customer_id TEXT PRIMARY KEY NOT NULL);
--> statement-breakpoint
DROP TRIGGER audit_log_no_update;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id
  OR NEW.at IS NOT OLD.at
  OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.actor_name IS NOT OLD.actor_name
  OR NEW.action IS NOT OLD.action
  OR NEW.entity IS NOT OLD.entity
  OR NEW.entity_id IS NOT OLD.entity_id
  OR NEW.till_id IS NOT OLD.till_id
  OR NOT EXISTS (SELECT 1 FROM audit_erasing)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: only an erasure may blank the values in it');
END;
