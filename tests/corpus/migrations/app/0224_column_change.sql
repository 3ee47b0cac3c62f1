ALTER TABLE inventory_items ALTER COLUMN kind SET DEFAULT 'multi
line; string';
ALTER TABLE inventory_items ALTER COLUMN kind DROP DEFAULT;
