-- A one-letter prefix ("irene.c" searches irene* AND c*) used to expand into every token starting with that letter,
-- and every customer code (C000001...) is one: 300k doclists merged at 300k customers, ~25 ms for the MATCH alone.
-- A prefix index of length 1 makes it one doclist. FTS5 cannot change its prefix indexes in place, so the index is
-- built again under a new name from the same rows (same row ids: customers.search_key), merged into one segment
-- and renamed.
CREATE VIRTUAL TABLE customers_fts_next USING fts5(
  name,
  phones,
  other,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4'
);--> statement-breakpoint
INSERT INTO customers_fts_next (rowid, name, phones, other) SELECT rowid, name, phones, other FROM customers_fts;--> statement-breakpoint
INSERT INTO customers_fts_next (customers_fts_next) VALUES ('optimize');--> statement-breakpoint
DROP TABLE customers_fts;--> statement-breakpoint
ALTER TABLE customers_fts_next RENAME TO customers_fts;--> statement-breakpoint
-- A search with up to a few thousand matches picks its page by looking each match up by key: this index answers the
-- status, name and id of a match without reading the customer's whole row.
CREATE INDEX `customers_search_key_name` ON `customers` (`search_key`,`status`,`display_name`,`id`);
