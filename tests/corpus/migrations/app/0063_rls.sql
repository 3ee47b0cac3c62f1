ALTER TABLE lessons ENABLE ROW LEVEL SECURITY;
ALTER TABLE lessons FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS lessons_tenant ON lessons;
CREATE POLICY lessons_tenant ON lessons
    FOR ALL TO reporting
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS lessons_read ON lessons;
CREATE POLICY lessons_read ON lessons AS PERMISSIVE FOR SELECT USING (true);
