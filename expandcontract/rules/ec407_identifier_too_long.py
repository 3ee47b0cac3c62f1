"""EC407 identifier-too-long: names over 63 bytes, which PostgreSQL silently truncates.

The parser truncates identifiers as it reads them, so the parse tree only ever holds the short
form: this rule reads the statement's source text instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..core.findings import Severity
from ..core.identifiers import MAX_IDENTIFIER_BYTES
from ..core.lazyre import LazyPattern
from ..core.ops import Op
from ..core.schema import Schema
from . import Hit, Rule, RuleContext, ScriptIndex

# comments, string literals and dollar-quoted bodies are skipped; what is left are identifiers
_TOKEN = LazyPattern(  # compiled on first use: milliseconds, for every start otherwise
    r"""(?P<skip>--[^\n]*|/\*.*?\*/|[eE]'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*'
          |\$(?P<tag>[A-Za-z_]\w*|)\$.*?\$(?P=tag)\$)
       |"(?P<quoted>(?:[^"]|"")+)"
       |(?P<bare>[A-Za-z_\x80-\U0010ffff][\w$\x80-\U0010ffff]*)""",
    re.S | re.X,
)


def long_identifiers(sql: str, limit: int = MAX_IDENTIFIER_BYTES) -> Iterator[str]:
    """Identifiers in ``sql`` longer than ``limit`` bytes, as PostgreSQL reads them (bare names
    folded to lower case), each once.

    >>> list(long_identifiers('CREATE INDEX ' + 'a' * 64 + " ON t (x) WHERE y = '" + 'b' * 70 + "'"))
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']
    """
    # the common case, cheaply: in ASCII text without quoted names, a name over ``limit`` bytes
    # is a run of more than ``limit`` name characters
    if sql.isascii() and '"' not in sql and not _word_run(limit + 1).search(sql):
        return
    seen = set()
    for m in _TOKEN.finditer(sql):
        if m.group("skip") is not None:
            continue
        name = m.group("quoted").replace('""', '"') if m.group("quoted") is not None else m.group("bare").lower()
        if len(name.encode("utf-8")) > limit and name not in seen:
            seen.add(name)
            yield name


@lru_cache(maxsize=8)
def _word_run(length: int) -> re.Pattern[str]:
    # tried only where a run starts: inside a word the lookbehind fails at once, instead of
    # matching the rest of the word again from each of its characters (a third faster)
    return re.compile(rf"(?<![\w$])[\w$]{{{max(length, 1)}}}")


class _LongIdentifiers:
    """The long identifiers of every statement of a script, and where each truncated form
    appears, so a statement finds the one an earlier statement truncates to the same name."""

    def __init__(self, index: ScriptIndex, limit: int) -> None:
        self.by_position = [list(long_identifiers(step.statement.text, limit)) for step in index.steps]
        self._seen: dict[str, tuple[list[int], list[str]]] = {}  # truncated -> positions, names
        for position, names in enumerate(self.by_position):
            for name in names:
                positions, originals = self._seen.setdefault(truncated(name, limit), ([], []))
                positions.append(position)
                originals.append(name)

    def last_before(self, short: str, position: int) -> str | None:
        """The last identifier before ``position`` that truncates to ``short``."""
        positions, originals = self._seen.get(short, ((), ()))
        found = bisect_left(positions, position) - 1
        return originals[found] if found >= 0 else None


def truncated(name: str, limit: int) -> str:
    return name.encode("utf-8")[:limit].decode("utf-8", "ignore")


def _existing_names(schema: Schema) -> set[str]:
    names = {k.rsplit(".", 1)[-1] for k in (*schema.tables, *schema.views, *schema.indexes, *schema.enums)}
    for table in schema.tables.values():
        names.update(table.constraints)
    return names


def _bare(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _created_name(action) -> str | None:
    """The (already truncated) name of the object an action creates or renames something to."""
    if action.op.startswith("rename_"):
        return action.new_name
    if action.op in (Op.CREATE_TABLE, Op.CREATE_VIEW, Op.CREATE_MATVIEW, Op.CREATE_TABLE_AS):
        return action.table
    if action.op == Op.ADD_CONSTRAINT and action.constraint is not None:
        return action.constraint.name
    if action.op in (Op.CREATE_INDEX, Op.CREATE_ENUM, Op.CREATE_TYPE, Op.CREATE_SEQUENCE):
        return action.object_name
    return None


class IdentifierTooLong(Rule):
    code = "EC407"
    name = "identifier-too-long"
    severity = Severity.WARNING
    family = "practice"
    squawk = ("identifier-too-long",)
    postgres_only = True  # MySQL rejects long names instead of truncating them
    default_options = {"max_bytes": MAX_IDENTIFIER_BYTES}

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        limit = int(ctx.options.get("max_bytes", MAX_IDENTIFIER_BYTES))
        script = ctx.index.get(_LongIdentifiers, limit)
        names = script.by_position[ctx.position]
        if not names:
            return  # the common case: skip the schema scans below
        created = {_bare(n) for n in map(_created_name, ctx.actions) if n}
        for name in names:
            short = truncated(name, limit)
            clash = script.last_before(short, ctx.position)
            if clash is not None and clash != name:
                consequence = (f"it becomes the same name as {clash!r} earlier in this script: the second "
                               "CREATE fails with 'already exists', or with IF NOT EXISTS is silently skipped")
            elif short in created and short in _existing_names(ctx.schema):  # the schema scan: rare
                consequence = (f"that is the name of an object that already exists ({short!r}): this "
                               "statement acts on it, or fails with 'already exists'")
            else:
                consequence = ("the catalog holds a different name than the migration, the app and the "
                               "ORM use, and any other name with the same first bytes is the same object")
            yield Hit(
                f"identifier {name!r} is {len(name.encode('utf-8'))} bytes: PostgreSQL silently "
                f"truncates it to {limit} ({short!r}); {consequence}",
                f"shorten it to at most {limit} bytes, e.g. by abbreviating the table or column parts",
            )
