"""EC309 truncate: TRUNCATE of a table the old app still uses."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from ..core.schema import relation_key
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.compat import key_columns, on_live_tables, when


class Truncate(Rule):
    code = "EC309"
    name = "truncate"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset({Op.TRUNCATE})
    script_kinds = OLD_APP_LIVE
    squawk = ("ban-truncate-cascade",)

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _, _ in on_live_tables(ctx, self.ops):
            table = action.table
            cascade = ""
            if action.cascade:
                referencing = _referencing(ctx, table)
                named = f" ({', '.join(referencing)})" if referencing else ""
                cascade = f"; CASCADE also empties every table with a foreign key to it{named}"
            key = quote_ident(key_columns(ctx.schema, table)[0])
            t = quote_qualified(table)
            yield Hit(
                f"TRUNCATE deletes every row of {table} while the old app still reads and writes it, and holds "
                f"an ACCESS EXCLUSIVE lock on it until the transaction commits (blocks all reads and "
                f"writes){cascade} ({when(ctx.kind)})",
                f"to remove rows while the apps run, DELETE them in migrate.sql a few thousand per transaction "
                f"(DELETE FROM {t} WHERE {key} IN (SELECT {key} FROM {t} WHERE … LIMIT 5000), repeated); to "
                f"retire the table, stop using it and DROP TABLE {t} in contract.sql",
            )


def _referencing(ctx: RuleContext, table: str) -> list[str]:
    key = relation_key(table)
    return sorted(
        t.name
        for t in ctx.schema.tables.values()
        if t.name != key and any(c.kind == "foreign_key" and relation_key(c.references) == key
                                 for c in t.constraints.values())
    )
