-- Full-text search over customers. The row id is customers.search_key; the customers service (and the reference
-- seed) writes one row per customer: names, every phone as digits (international, national and local format), and
-- email, code, card number and tax id. unicode61 with remove_diacritics 2 lets `jose` find `José`.
CREATE VIRTUAL TABLE customers_fts USING fts5(
  name,
  phones,
  other,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
