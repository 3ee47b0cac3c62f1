ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS projects_tenant ON projects;
CREATE POLICY projects_tenant ON projects
    FOR ALL TO app_ro
    USING (id::text = current_setting('app.tenant_id', true))
    WITH CHECK (id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS projects_read ON projects;
CREATE POLICY projects_read ON projects AS PERMISSIVE FOR SELECT USING (true);
