"""Helpers several rules share (no rule lives here): ``compat`` (phases and compatibility:
how a change and a phase are named, what this migration created or drops), ``locks`` (which
table a statement locks, whether it is live), ``columns`` (the columns a statement defines or
retypes), ``alembic`` (findings in Alembic's terms)."""
