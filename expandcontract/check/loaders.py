"""Edge: app query sources from files, query logs and SQLAlchemy models.

A source is one of

* a ``.sql`` file (one or more queries) or a directory of them, walked in natural order;
* a query log: ``.csv``, ``.json`` or ``.jsonl`` with a ``query`` column, as exported from
  ``pg_stat_statements``; repeated queries are checked once;
* ``path/to/models.py:attr`` or ``package.module:attr`` where ``attr`` is a SQLAlchemy
  ``MetaData``, a declarative base, or a list of tables or mapped classes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..appmodels import PYTHON_REF, locate
from ..core.errors import InputError
from ..paths import display_path
from ..sources import natural_key, read_text
from .queries import AppQuery, queries_from_sql, query_from_text
from .resolve import ModelTable

__all__ = ["load_app", "preparable_queries"]

LOG_SUFFIXES = (".csv", ".json", ".jsonl")


def load_app(sources: Sequence[str], dialect: str = "postgres") -> list[AppQuery]:
    """Every query of one app, from all its sources, in order (SQL read in ``dialect``)."""
    queries: list[AppQuery] = []
    for source in sources:
        queries.extend(_load(source, dialect))
    return queries


def preparable_queries(sources: Sequence[str], dialect: str = "postgres") -> list[tuple[str, str, int]]:
    """(SQL text, source, line) of every query of app sources that a live database can PREPARE
    (``apply --verify-app``): a model becomes ``SELECT <every mapped column> FROM <its table>``,
    which PREPARE accepts only if every mapped column exists; session statements are left out.
    ``dialect="mysql"``: the queries as written in MySQL, every parameter a ``?`` (MySQL's PREPARE)."""
    from ..core.identifiers import quote_ident, quote_qualified

    queries: list[tuple[str, str, int]] = []
    for query in load_app(list(sources), dialect):
        if query.model is not None:
            if dialect == "mysql":
                from ..core.mysql.model import quote

                columns = ", ".join(quote(c) for c in query.model.columns) or "1"
                table = ".".join(quote(part) for part in query.model.table.split("."))
            else:
                columns = ", ".join(quote_ident(c) for c in query.model.columns) or "1"
                table = quote_qualified(query.model.table)
            queries.append((f"SELECT {columns} FROM {table}", query.source, query.line))
        elif not query.session and query.sql:
            if dialect == "mysql":
                from .placeholders import mysql_placeholders

                queries.append((mysql_placeholders(query.text), query.source, query.line))
            else:
                queries.append((query.sql, query.source, query.line))
    return queries


def _load(source: str, dialect: str = "postgres") -> list[AppQuery]:
    path = Path(source)
    if path.is_dir():
        files = sorted((p for p in path.rglob("*.sql") if not any(part.startswith(".") for part in p.parts)),
                       key=lambda p: [natural_key(part) for part in p.parts])
        if not files:
            raise InputError(source, "no .sql files in this directory")
        return [q for f in files for q in _sql_file(f, dialect)]
    if path.is_file():
        if path.suffix.lower() in LOG_SUFFIXES:
            return _log_file(path, dialect)
        return _sql_file(path, dialect)
    if source.startswith("git:"):
        return _git_models(source)
    match = PYTHON_REF.match(source)
    if match:
        return _models(source, match.group("target"), match.group("attr"))
    raise InputError(source, "no such file or directory (nor a module:attribute of SQLAlchemy models)")


def _sql_file(path: Path, dialect: str = "postgres") -> list[AppQuery]:
    queries = queries_from_sql(read_text(path), str(path), dialect=dialect)
    if not queries:
        raise InputError(str(path), "no queries in this file")
    return queries


# -- query logs --------------------------------------------------------------------------------


def _log_file(path: Path, dialect: str = "postgres") -> list[AppQuery]:
    text = read_text(path)
    rows = _csv_rows(path, text) if path.suffix.lower() == ".csv" else _json_rows(path, text)
    queries: list[AppQuery] = []
    seen: set[str] = set()
    for line, query in rows:
        key = " ".join(query.split())
        if not key or key in seen:
            continue
        seen.add(key)
        queries.extend(query_from_text(query, str(path), line, dialect))
    if not queries:
        raise InputError(str(path), "no queries in this log")
    return queries


def _csv_rows(path: Path, text: str) -> Iterable[tuple[int, str]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(str(path), "empty CSV file") from None
    except csv.Error as exc:
        raise InputError(str(path), f"not CSV: {exc}", 1) from None
    column = _query_column(path, header)
    line = reader.line_num + 1
    try:
        for row in reader:
            if len(row) > column:
                yield line, row[column]
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(str(path), f"not CSV: {exc}", reader.line_num) from None


def _query_column(path: Path, header: list[str]) -> int:
    names = [h.strip().lower() for h in header]
    if "query" not in names:
        raise InputError(str(path), f"no 'query' column (columns: {', '.join(header)})", 1)
    return names.index("query")


def _json_rows(path: Path, text: str) -> Iterable[tuple[int, str]]:
    if path.suffix.lower() == ".jsonl":
        records = []
        for number, raw in enumerate(text.splitlines(), 1):
            if raw.strip():
                records.append((number, _json(path, raw, number)))
    else:
        data = _json(path, text, None)
        if isinstance(data, dict):  # {"rows": [...]} and the like
            lists = [v for v in data.values() if isinstance(v, list)]
            data = lists[0] if len(lists) == 1 else None
        if not isinstance(data, list):
            raise InputError(str(path), "expected a JSON list of objects with a 'query' field")
        records = [(_line_of(text, item), item) for item in data]
    for line, record in records:
        if not isinstance(record, dict) or not isinstance(record.get("query"), str):
            raise InputError(str(path), "every entry needs a 'query' string", line)
        yield line, record["query"]


def _json(path: Path, text: str, line: int | None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not JSON: {exc.msg}", line or exc.lineno) from None


def _line_of(text: str, item) -> int:
    """The line where an entry's query is written (1 when it cannot be found)."""
    if isinstance(item, dict) and isinstance(item.get("query"), str):
        for ascii_only in (True, False):
            at = text.find(json.dumps(item["query"], ensure_ascii=ascii_only)[1:-1])
            if at >= 0:
                return text.count("\n", 0, at) + 1
    return 1


# -- SQLAlchemy --------------------------------------------------------------------------------


def _models(source: str, target: str, attr: str) -> list[AppQuery]:
    """``path/models.py:Base`` (its package root first on ``sys.path``) or ``package.module:Base``
    (the working directory first: a checkout wins over an installed copy), loaded in a
    subprocess of its own (``appmodels.isolated``)."""
    return _queries_of(source, attr, locate(source, target, attr))


def _queries_of(source: str, attr: str, loaded: dict, shown_file: str | None = None,
                texts: dict[str, str] | None = None) -> list[AppQuery]:
    if not loaded["tables"]:
        raise InputError(source, f"{attr} holds no tables")
    queries = []
    for table in loaded["tables"]:
        model = ModelTable(table["key"], tuple(table["columns"]), table["class"])
        shown = f"{table['class'] + ' -> ' if table['class'] else ''}{table['key']} ({', '.join(table['columns'])})"
        file = shown_file or display_path(table["file"] or source)
        queries.append(AppQuery(file, table["line"], shown, model=model))
    return queries


def _git_models(source: str) -> list[AppQuery]:
    """``git:REF:path/models.py:Base``: the models as they were at a git revision, extracted and
    loaded in a subprocess of their own."""
    from ..alembic.gitsource import extracted_models
    from ..appmodels.isolated import load_models

    with extracted_models(source) as tree:
        loaded = load_models(source, tree.root, [tree.module], tree.attr or "Base")
        for table in loaded["tables"]:
            table["file"] = f"{tree.ref}:{tree.path}" if not table["file"] else \
                f"{tree.ref}:{tree.relative(table['file'])}"
    return _queries_of(source, tree.attr or "Base", loaded)


