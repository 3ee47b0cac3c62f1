CREATE SEQUENCE IF NOT EXISTS analytics.daily_totals_107_label_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE analytics.daily_totals_107 ADD COLUMN IF NOT EXISTS label bigint;
ALTER TABLE analytics.daily_totals_107 ALTER COLUMN label SET DEFAULT nextval('analytics.daily_totals_107_label_seq');
ALTER SEQUENCE analytics.daily_totals_107_label_seq OWNED BY analytics.daily_totals_107.label;
SELECT setval('analytics.daily_totals_107_label_seq', 1000, false);
