"""Before a run changes anything: is the connection writable (not a replica, not read-only), may
it keep its state, and may it change the objects its steps touch? One line naming what is
missing, instead of a failure half way with the advice to rerun."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg

from .errors import NotPermitted
from .state import SCHEMA
from .steps import PhasePlan

__all__ = ["check_privileges"]

_DML = {"update": "UPDATE", "insert": "INSERT", "delete": "DELETE", "select": "SELECT"}
_CREATES = ("create_table", "create_table_as", "create_view", "create_matview", "create_function", "create_sequence",
            "create_enum", "create_type", "create_domain")


def _table_needs(phases: Iterable[PhasePlan]) -> tuple[dict[str, set[str]], set[str]]:
    """Per existing table what the steps do to it (``OWNER`` for DDL, else a DML privilege), and the
    schemas new objects are created in (``''``: the current schema)."""
    needs: dict[str, set[str]] = {}
    creates: set[str] = set()
    for phase in phases:
        for step in phase.steps:
            for statement in step.statements:
                if statement.op in _CREATES:
                    target = statement.tables[0] if statement.tables else ""
                    creates.add(target.rsplit(".", 1)[0] if "." in target else "")
                    continue
                need = _DML.get(statement.op, "OWNER")
                for table in statement.tables:
                    needs.setdefault(table, set()).add(need)
    return needs, creates


def check_privileges(conn: psycopg.Connection, phases: Sequence[PhasePlan], *, state: bool = True) -> None:
    """Raise ``NotPermitted`` naming the first thing the run may not do; nothing is changed."""
    read_only, recovery, superuser, user = conn.execute(
        "SELECT current_setting('transaction_read_only') = 'on', pg_is_in_recovery(), "
        "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user), current_user").fetchone()
    if recovery or read_only:
        why = "a standby server in recovery" if recovery else "default_transaction_read_only is on"
        raise NotPermitted(f"the database is read-only (a replica?): {why}. Point --database-url at the primary. "
                           "Nothing was run.")
    if superuser:
        return
    missing: list[str] = []
    if state:
        exists = conn.execute("SELECT to_regnamespace(%s) IS NOT NULL", (SCHEMA,)).fetchone()[0]
        if not exists:
            if not conn.execute("SELECT has_database_privilege(current_database(), 'CREATE')").fetchone()[0]:
                missing.append(f"CREATE on the database (to create the runner's state schema {SCHEMA}; or have an "
                               f"owner create it and grant {user} USAGE and SELECT, INSERT, UPDATE, DELETE on its "
                               "tables)")
        else:
            bad = conn.execute(
                """SELECT c.relname FROM pg_class c WHERE c.relnamespace = to_regnamespace(%s) AND c.relkind = 'r'
                      AND NOT has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE')""", (SCHEMA,)).fetchall()
            if not conn.execute("SELECT has_schema_privilege(%s, 'USAGE')", (SCHEMA,)).fetchone()[0]:
                missing.append(f"USAGE on schema {SCHEMA} (the runner's state)")
            elif bad:
                missing.append(f"SELECT, INSERT, UPDATE, DELETE on {', '.join(f'{SCHEMA}.{r[0]}' for r in bad)}")
    needs, creates = _table_needs(phases)
    for table, what in needs.items():
        row = conn.execute(
            """SELECT pg_has_role(current_user, c.relowner, 'USAGE'), pg_get_userbyid(c.relowner),
                      has_table_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'INSERT'),
                      has_table_privilege(c.oid, 'DELETE'), has_table_privilege(c.oid, 'SELECT')
                 FROM pg_class c WHERE c.oid = to_regclass(%s)""", (table,)).fetchone()
        if row is None:
            continue  # created by an earlier step of this run
        owner_ok, owner, *dml = row
        if "OWNER" in what and not owner_ok:
            missing.append(f"ownership of {table} (owned by {owner}; ALTER, CREATE INDEX and DROP need its owner "
                           "or a member of that role)")
        for privilege, ok in zip(("UPDATE", "INSERT", "DELETE", "SELECT"), dml, strict=True):
            if privilege in what and not ok and not owner_ok:
                missing.append(f"{privilege} on {table}")
    for schema in sorted(creates):
        ok = conn.execute("SELECT has_schema_privilege(coalesce(nullif(%s, ''), current_schema()), 'CREATE')",
                          (schema,)).fetchone()[0]
        if not ok:
            missing.append(f"CREATE on schema {schema or 'current_schema()'}")
    if missing:
        raise NotPermitted(f"{user} may not run this: missing {'; '.join(missing)}. Grant it (the README lists what "
                           "the runner needs) and run again. Nothing was run.")
