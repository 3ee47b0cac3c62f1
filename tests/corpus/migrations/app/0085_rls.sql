ALTER TABLE suppliers ENABLE ROW LEVEL SECURITY;
ALTER TABLE suppliers FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS suppliers_tenant ON suppliers;
CREATE POLICY suppliers_tenant ON suppliers
    FOR ALL TO reporting
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS suppliers_read ON suppliers;
CREATE POLICY suppliers_read ON suppliers AS PERMISSIVE FOR SELECT USING (true);
