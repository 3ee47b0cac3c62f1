ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS campaigns_tenant ON campaigns;
CREATE POLICY campaigns_tenant ON campaigns
    FOR ALL TO app_ro
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS campaigns_read ON campaigns;
CREATE POLICY campaigns_read ON campaigns AS PERMISSIVE FOR SELECT USING (true);
