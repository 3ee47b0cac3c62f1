ALTER TABLE analytics.daily_totals_70 ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.daily_totals_70 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS daily_totals_70_tenant ON analytics.daily_totals_70;
CREATE POLICY daily_totals_70_tenant ON analytics.daily_totals_70
    FOR ALL TO app_rw
    USING (id::text = current_setting('app.tenant_id', true))
    WITH CHECK (id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS daily_totals_70_read ON analytics.daily_totals_70;
CREATE POLICY daily_totals_70_read ON analytics.daily_totals_70 AS PERMISSIVE FOR SELECT USING (true);
