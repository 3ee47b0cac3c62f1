"""MySQL app queries -> PostgreSQL text for ``check``, with MySQL's name rules.

MySQL compares column names (and, with ``lower_case_table_names`` set, table names) without
regard to case, and quotes names with backticks. The schema side (``core.dialects``) lowercases
every MySQL name; so does this for the queries, so ``SELECT `UserId` FROM Users`` resolves
against a column created as ``userid``. Placeholders (``%s``, ``%(name)s``, ``?``) become ``?``
for sqlglot, which writes them back as ``%s``.

Pure: text in, text out.
"""

from __future__ import annotations

import re

__all__ = ["to_postgres_query"]

_DBAPI = re.compile(r"%\(\w+\)s|%s")


def to_postgres_query(sql: str) -> str:
    """A MySQL query as PostgreSQL text, names lowercased.

    >>> to_postgres_query("SELECT `UserId`, Name FROM `Users` u WHERE u.ID = %s LIMIT 10, 5")
    'SELECT "userid", "name" FROM "users" AS "u" WHERE "u"."id" = %s LIMIT 5 OFFSET 10'
    """
    import logging

    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ErrorLevel

    from ..dialects import quiet_sqlglot

    with quiet_sqlglot(logging.CRITICAL):
        tree = sqlglot.parse_one(_DBAPI.sub("?", sql), read="mysql")
    if tree is None or isinstance(tree, exp.Command):
        raise ValueError(f"not a query sqlglot's MySQL dialect reads: {sql.strip()[:60]!r}")
    return tree.transform(lower_names).sql(dialect="postgres", unsupported_level=ErrorLevel.IGNORE)


def lower_names(node):
    """MySQL names compare without case: every identifier lowercased (and quoted, so a reserved
    word of PostgreSQL's stays a name)."""
    from sqlglot import exp

    if isinstance(node, exp.Identifier):
        return exp.Identifier(this=node.name.lower(), quoted=True)
    return node
