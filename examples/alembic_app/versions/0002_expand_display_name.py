"""expand: add customers.display_name, kept in sync with name for the old app

Revision ID: 0002
Revises: 0001
Starts the expand branch: `alembic upgrade expand@head` runs before the new app is deployed.
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = ("expand",)
depends_on = None

SYNC = """
CREATE FUNCTION customers_sync_display_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.display_name := COALESCE(NEW.display_name, NEW.name);
        NEW.name := COALESCE(NEW.name, NEW.display_name);
    ELSIF NEW.name IS DISTINCT FROM OLD.name THEN
        NEW.display_name := NEW.name;
    ELSIF NEW.display_name IS DISTINCT FROM OLD.display_name THEN
        NEW.name := NEW.display_name;
    END IF;
    RETURN NEW;
END
$$
"""


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '2s'")
    op.add_column("customers", sa.Column("display_name", sa.Text))
    # the new app writes only display_name: the trigger fills name for the old app
    op.alter_column("customers", "name", existing_type=sa.Text, nullable=True)
    op.execute(SYNC)
    op.execute("CREATE TRIGGER customers_sync_display_name BEFORE INSERT OR UPDATE ON customers "
               "FOR EACH ROW EXECUTE FUNCTION customers_sync_display_name()")
    with op.get_context().autocommit_block():
        op.create_index("ix_customers_email", "customers", ["email"], postgresql_concurrently=True)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_customers_email", table_name="customers", postgresql_concurrently=True)
    op.execute("DROP TRIGGER customers_sync_display_name ON customers")
    op.execute("DROP FUNCTION customers_sync_display_name()")
    op.drop_column("customers", "display_name")
