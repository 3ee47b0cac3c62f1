ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS reports_tenant ON reports;
CREATE POLICY reports_tenant ON reports
    FOR ALL TO app_ro
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS reports_read ON reports;
CREATE POLICY reports_read ON reports AS PERMISSIVE FOR SELECT USING (true);
