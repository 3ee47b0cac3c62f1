"""The MySQL fixes the rules print: the online form of an operation where the server has one, and
the exact online-schema-change command (gh-ost, pt-online-schema-change) where it does not.

Pure: values in, text out.
"""

from __future__ import annotations

import re

from .ddl import Op, Server, online_copy
from .model import MySQLStatement, quote
from .steps import MySQLStep, OpUse

__all__ = ["alter_clauses", "online_fix", "osc_commands", "osc_runs", "what"]

_ALG_LOCK = re.compile(r"\s*,?\s*\b(ALGORITHM|LOCK)\s*=?\s*\w+", re.I)
_HEAD = re.compile(r"^\s*ALTER\s+(?:ONLINE\s+)?(?:IGNORE\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?(`(?:[^`]|``)*`(?:\.`(?:[^`]|``)*`)?|\S+)\s*",
                   re.I)


def alter_clauses(stmt: MySQLStatement) -> str:
    """The ALTER TABLE clauses of a statement, as ``--alter`` takes them (no table, no ALGORITHM/LOCK).

    >>> from .parse import parse_mysql_statement as p
    >>> alter_clauses(p("ALTER TABLE `orders` MODIFY amount BIGINT NOT NULL, ALGORITHM=COPY"))
    'MODIFY amount BIGINT NOT NULL'
    >>> alter_clauses(p("CREATE FULLTEXT INDEX ft ON posts (body) LOCK=SHARED"))
    'ADD FULLTEXT INDEX ft (body)'
    """
    if stmt.from_create_index:
        spec = stmt.specs[0]
        if spec.op == "drop_index":
            return f"DROP INDEX {quote(spec.name or '')}"
        kind = {"unique": "UNIQUE ", "fulltext": "FULLTEXT ", "spatial": "SPATIAL "}.get(spec.index_kind or "", "")
        return f"ADD {kind}INDEX {quote(spec.name or '')} ({', '.join(spec.columns)})"
    text = " ".join(stmt.text.split())
    head = _HEAD.match(text)
    body = text[head.end():] if head else text
    return _ALG_LOCK.sub("", body).strip().strip(",").strip()


def osc_commands(stmt: MySQLStatement, *, has_foreign_keys: bool = False) -> str:
    """gh-ost and pt-online-schema-change, spelled out for this statement."""
    table = stmt.table or "<table>"
    database, _, bare = table.rpartition(".")
    database = database or "<database>"
    alter = alter_clauses(stmt).replace('"', '\\"')
    pt = (f'pt-online-schema-change --alter "{alter}" D={database},t={bare} --chunk-size=1000 '
          f"--max-load Threads_running=25 --critical-load Threads_running=100"
          f"{' --alter-foreign-keys-method=auto' if has_foreign_keys else ''} --execute")
    if has_foreign_keys or any(s.op == "add_foreign_key" for s in stmt.specs):
        return f"{pt} (gh-ost does not support foreign keys)"
    gh = (f'gh-ost --host=<host> --user=<user> --ask-pass --database={database} --table={bare} '
          f'--alter="{alter}" --chunk-size=1000 --max-load=Threads_running=25 --execute')
    return f"{gh}, or {pt}"


def osc_runs(stmt: MySQLStatement, database: str | None = None) -> list[tuple[str, str, str]]:
    """The online-schema-change runs of a statement: (tool, dry-run command, executing command).

    gh-ost takes ``--alter="…" --database=… --table=…`` and runs only with ``--execute`` (without it,
    it checks and exits); pt-online-schema-change takes ``--alter "…" D=…,t=…`` and ``--dry-run`` or
    ``--execute``. gh-ost does not support foreign keys: it is left out when the statement adds one.

    >>> from .parse import parse_mysql_statement as p
    >>> for tool, dry, run in osc_runs(p("ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4"), "shop"):
    ...     print(tool, "|", run)
    gh-ost | gh-ost --host=<host> --user=<user> --ask-pass --database=shop --table=orders --alter="CONVERT TO CHARACTER SET utf8mb4" --chunk-size=1000 --max-load=Threads_running=25 --execute
    pt-online-schema-change | pt-online-schema-change --alter "CONVERT TO CHARACTER SET utf8mb4" D=shop,t=orders --chunk-size=1000 --max-load Threads_running=25 --critical-load Threads_running=100 --execute
    """
    table = stmt.table or "<table>"
    qualifier, _, bare = table.rpartition(".")
    database = qualifier or database or "<database>"
    alter = alter_clauses(stmt).replace("\\", "\\\\").replace('"', '\\"')
    runs = []
    if not any(s.op == "add_foreign_key" for s in stmt.specs):
        gh = (f"gh-ost --host=<host> --user=<user> --ask-pass --database={database} --table={bare} "
              f'--alter="{alter}" --chunk-size=1000 --max-load=Threads_running=25')
        runs.append(("gh-ost", gh, f"{gh} --execute"))
    pt = (f'pt-online-schema-change --alter "{alter}" D={database},t={bare} --chunk-size=1000 '
          "--max-load Threads_running=25 --critical-load Threads_running=100")
    runs.append(("pt-online-schema-change", f"{pt} --dry-run", f"{pt} --execute"))
    return runs


def what(use: OpUse) -> str:
    """An operation in words, naming its column or index."""
    spec = use.spec
    target = spec.column.name if spec.column else spec.name or (", ".join(spec.columns) if spec.columns else "")
    unknown = (use.op is Op.CHANGE_TYPE and use.before is None and spec.op == "modify_column")
    note = "; a column the schema does not know: assumed to change type (pass --schema)" if unknown else ""
    return f"{use.op}{f' ({target}{note})' if target else ''}"


def online_fix(step: MySQLStep, blocking: list[OpUse]) -> str | None:
    """A way to get the same result without blocking writes on this server, if there is one."""
    server: Server = step.server
    ops = {u.op for u in blocking}
    stmt = step.statement
    table = stmt.table or "<table>"
    if ops <= {Op.ADD_FOREIGN_KEY}:
        return ("add it with foreign_key_checks off, which the server does in place without blocking writes "
                f"(ALGORITHM=INPLACE, LOCK=NONE; existing rows are not checked, so check them first with a "
                f"LEFT JOIN): SET foreign_key_checks = 0; ALTER TABLE {table} {alter_clauses(stmt)}, "
                f"ALGORITHM=INPLACE, LOCK=NONE; SET foreign_key_checks = 1")
    if ops <= {Op.VARCHAR_EXTEND_PAST_255}:
        return ("a VARCHAR that crosses 255 bytes needs a second length byte, so every row is copied; stay at "
                "or under 255 bytes (an in-place change), or run it with an online schema change tool")
    if ops <= {Op.INT_WIDEN, Op.CHANGE_TYPE, Op.BLOB_WIDEN} and online_copy(server):
        return f"on {server} ALGORITHM=COPY, LOCK=NONE runs it online: add ', ALGORITHM=COPY, LOCK=NONE'"
    return None
