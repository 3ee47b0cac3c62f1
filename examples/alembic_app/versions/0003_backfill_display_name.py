"""migrate: copy name into display_name for the rows written before the trigger

Revision ID: 0003
Revises: 0002
On the expand branch, declared a data migration: the trigger keeps new writes in sync, so it
may run before or after the new app is deployed.
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
phase = "migrate"


def upgrade() -> None:
    # expandcontract: backfill key=id
    op.execute("UPDATE customers SET display_name = name WHERE display_name IS DISTINCT FROM name")


def downgrade() -> None:
    pass
