"""Sync triggers: keep an old and a new column equal while both apps write.

BEFORE ROW triggers that only assign to ``NEW``: they issue no statements of their own, so
they cannot re-fire themselves, and they run before NOT NULL and CHECK constraints are checked.
"""

from __future__ import annotations

from .model import Sql
from .sqlbuild import in_schema_of, qi, qt

__all__ = ["copy_trigger", "drop_trigger", "fill_trigger", "sync_trigger"]


def _dollar_tag(body: str) -> str:
    tag, n = "$fn$", 1
    while tag in body:
        n += 1
        tag = f"$fn{n}$"
    return tag


def _function(table: str, function: str, body: str) -> Sql:
    tag = _dollar_tag(body)
    text = (
        f"CREATE OR REPLACE FUNCTION {in_schema_of(table, function)}() RETURNS trigger\n"
        f"LANGUAGE plpgsql AS {tag}\nBEGIN\n{body}    RETURN NEW;\nEND\n{tag}"
    )
    return Sql(text)


def _trigger(table: str, trigger: str, function: str, pg_version: int) -> Sql:
    create = "CREATE OR REPLACE TRIGGER" if pg_version >= 14 else "CREATE TRIGGER"
    execute = "FUNCTION" if pg_version >= 11 else "PROCEDURE"
    return Sql(
        f"{create} {qi(trigger)}\n"
        f"    BEFORE INSERT OR UPDATE ON {qt(table)}\n"
        f"    FOR EACH ROW EXECUTE {execute} {in_schema_of(table, function)}()"
    )


def sync_trigger(table: str, old: str, new: str, name: str, pg_version: int,
                 default: str | None = None) -> tuple[Sql, Sql]:
    """Both directions: the old app writes ``old``, the new app writes ``new``.

    An INSERT fills the side the app left out from the side it wrote; an UPDATE copies the side
    that changed, so a copy made by the trigger never looks like a change to copy back. When
    the column has a default, both columns carry it, and the side still equal to it is the one
    left out.
    """
    o, n = f"NEW.{qi(old)}", f"NEW.{qi(new)}"
    if default is None:
        insert = (f"        {n} := COALESCE({n}, {o});\n"
                  f"        {o} := COALESCE({o}, {n});\n")
    else:
        insert = (f"        IF {o} IS NOT DISTINCT FROM {n} THEN\n"
                  "            NULL;\n"
                  f"        ELSIF {o} IS NOT DISTINCT FROM ({default}) THEN\n"
                  f"            {o} := {n};\n"
                  "        ELSE\n"
                  f"            {n} := {o};\n"
                  "        END IF;\n")
    body = (
        "    IF TG_OP = 'INSERT' THEN\n"
        f"{insert}"
        f"    ELSIF {o} IS DISTINCT FROM OLD.{qi(old)} THEN\n"
        f"        {n} := {o};\n"
        f"    ELSIF {n} IS DISTINCT FROM OLD.{qi(new)} THEN\n"
        f"        {o} := {n};\n"
        "    END IF;\n"
    )
    function = _function(table, name, body)
    return (
        Sql(function.text, (f"copies writes between {old} and {new}, whichever app makes them",)),
        _trigger(table, name, name, pg_version),
    )


def copy_trigger(table: str, source: str, target: str, conversion: str, name: str,
                 pg_version: int, *, every_write: bool = False) -> tuple[Sql, Sql]:
    """One direction: both apps write ``source``; ``target`` follows, converted.

    ``every_write``: convert on every INSERT and UPDATE, not only when ``source`` changes (a
    USING expression may read other columns of the row too).
    """
    s = f"NEW.{qi(source)}"
    if every_write:
        body = f"    NEW.{qi(target)} := {conversion};\n"
    else:
        body = (
            "    IF TG_OP = 'INSERT' THEN\n"
            f"        NEW.{qi(target)} := {conversion};\n"
            f"    ELSIF {s} IS DISTINCT FROM OLD.{qi(source)} THEN\n"
            f"        NEW.{qi(target)} := {conversion};\n"
            "    END IF;\n"
        )
    function = _function(table, name, body)
    return (
        Sql(function.text, (f"keeps {target} equal to {source}, converted, on every write",)),
        _trigger(table, name, name, pg_version),
    )


def fill_trigger(table: str, column: str, expression: str, name: str, pg_version: int) -> tuple[Sql, Sql]:
    """A row written without ``column`` (the old app's INSERTs) gets ``expression``, evaluated on
    the row itself: its column names are the row's columns, as in the backfill's UPDATE."""
    c = f"NEW.{qi(column)}"
    body = (f"    IF {c} IS NULL THEN\n"
            f"        {c} := (SELECT {expression} FROM (SELECT NEW.*) AS written);\n"
            "    END IF;\n")
    function = _function(table, name, body)
    return (
        Sql(function.text, (f"fills {column} with {expression} for rows written without it (the old app)",)),
        _trigger(table, name, name, pg_version),
    )


def drop_trigger(table: str, name: str) -> tuple[Sql, Sql]:
    return (
        Sql(f"DROP TRIGGER IF EXISTS {qi(name)} ON {qt(table)}"),
        Sql(f"DROP FUNCTION IF EXISTS {in_schema_of(table, name)}()"),
    )
