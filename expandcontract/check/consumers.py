"""What a contract breaks for queries seen in production: ``check``'s resolution on two states.

The runner's consumer gate (``runner/consumers.py``) reads statements from pg_stat_statements
and pg_stat_activity; it does not import ``check`` (the runner is an edge layer that must not
reach into check's engine), so the command layer hands it this function. Pure: schemas and
texts in, problems out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..core.schema import Schema
from .engine import check_timeline
from .queries import query_from_text
from .reflect import schema_from_database
from .resolve import Problem
from .timeline import State, Timeline

__all__ = ["RESOLVER", "contract_breaks"]


def contract_breaks(before: Schema, after: Schema, texts: Sequence[str]) -> Mapping[str, Sequence[Problem] | str]:
    """For each query text: the problems it has on ``after`` that it does not have on
    ``before`` (empty: contract does not touch it), or why it cannot be analysed (a string)."""
    timeline = Timeline((State(0, "before contract", before), State(1, "contract", after)),
                        old_window=range(0, 2), new_window=range(1, 2))
    out: dict[str, Sequence[Problem] | str] = {}
    queries = {}
    for index, text in enumerate(dict.fromkeys(texts)):
        found = query_from_text(text, "consumer", index + 1)
        if len(found) != 1:
            out[text] = "not one statement"
            continue
        query = found[0]
        if query.session:
            out[text] = ()
        elif query.unchecked:
            out[text] = query.unchecked
        else:
            queries[text] = query
    result = check_timeline(timeline, {"old": list(queries.values())})
    by_query: dict[int, list[Problem]] = {}
    for failure in result.failures:
        if 0 not in failure.states:  # it failed before contract too: not contract's doing
            by_query.setdefault(id(failure.query), []).append(failure.problem)
    unchecked = {id(u.query): u.reason for u in result.unchecked}
    for text, query in queries.items():
        out[text] = unchecked.get(id(query)) or tuple(by_query.get(id(query), ()))
    return out


class _CheckResolver:
    """The runner's ``consumers.Resolver``: check's resolution and check's live-schema reader."""

    @staticmethod
    def breaks(before: Schema, after: Schema, texts: Sequence[str]) -> Mapping[str, Sequence[Problem] | str]:
        return contract_breaks(before, after, texts)

    @staticmethod
    def reflect(url: str) -> Schema:
        return schema_from_database(url)


RESOLVER = _CheckResolver()
