"""contract: drop customers.name, make display_name NOT NULL

Revision ID: 0004
Revises: 0001
Depends on: 0003
Starts the contract branch: `alembic upgrade contract@head` runs once the old app is gone.
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = ("contract",)
depends_on = "0003"


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '2s'")
    op.execute("DROP TRIGGER customers_sync_display_name ON customers")
    op.execute("DROP FUNCTION customers_sync_display_name()")
    op.drop_column("customers", "name")
    # NOT NULL through a validated CHECK: SET NOT NULL then needs no table scan
    op.create_check_constraint("customers_display_name_not_null_check", "customers",
                               "display_name IS NOT NULL", postgresql_not_valid=True)
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE customers VALIDATE CONSTRAINT customers_display_name_not_null_check")
    op.execute("SET LOCAL lock_timeout = '2s'")
    op.alter_column("customers", "display_name", existing_type=sa.Text, nullable=False)
    op.drop_constraint("customers_display_name_not_null_check", "customers", type_="check")


def downgrade() -> None:
    op.alter_column("customers", "display_name", existing_type=sa.Text, nullable=True)
    op.add_column("customers", sa.Column("name", sa.Text))
    op.execute("UPDATE customers SET name = display_name")
