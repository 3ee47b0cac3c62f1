ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS attachments_tenant ON attachments;
CREATE POLICY attachments_tenant ON attachments
    FOR ALL TO app_ro
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS attachments_read ON attachments;
CREATE POLICY attachments_read ON attachments AS PERMISSIVE FOR SELECT USING (true);
