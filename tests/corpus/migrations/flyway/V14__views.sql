DROP VIEW active_products;
CREATE OR REPLACE VIEW active_products AS
SELECT color, kind, id
FROM products
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_products OWNER TO reporting;
DROP VIEW IF EXISTS active_accounts;
