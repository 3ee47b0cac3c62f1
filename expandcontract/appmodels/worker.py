"""Run as ``python -m expandcontract.appmodels.worker REQUEST_JSON`` by ``appmodels.isolated``: import
one app source's SQLAlchemy models in this fresh interpreter (its source tree first on
``sys.path``) and print its tables as JSON on the last line of stdout.

Every app source gets its own interpreter, so two versions of the same package (the old app and
the new one), process-global registries (protobuf's descriptor pool) and modules the Alembic
revisions already imported never meet.

Request: ``{"root": folder or null, "modules": [names], "attr": "Base", "source": "as written"}``.
Answer: ``{"tables": [{"key", "columns", "class", "file", "line"}], "imported": {module: file}}``
or ``{"error": "one line"}``.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import os
import pkgutil
import re
import sys
import traceback

from ..core.errors import InputError

MARK = "EXPANDCONTRACT-MODELS "


def _load(request: dict) -> dict:
    root = request.get("root")
    if root:
        sys.path.insert(0, root)
    modules = []
    for name in request["modules"]:
        module = importlib.import_module(name)
        modules.append(module)
        if hasattr(module, "__path__"):  # a package: its models may be spread over its modules
            for info in pkgutil.walk_packages(module.__path__, prefix=name + "."):
                importlib.import_module(info.name)

    attr = request["attr"]
    obj = modules[0]
    for part in attr.split("."):
        if not hasattr(obj, part):
            return {"error": f"{request['modules'][0]} has no attribute {attr!r}"}
        obj = getattr(obj, part)
    if request.get("ddl"):
        return {"ddl": _ddl(obj, request["ddl"])}
    tables = []
    for table, cls in _tables(request["source"], obj):
        key = table.name if not table.schema or table.schema == "public" else f"{table.schema}.{table.name}"
        file = None
        if cls is not None:
            file = getattr(sys.modules.get(cls.__module__), "__file__", None)
        file = file or getattr(modules[0], "__file__", None) or ""
        text = ""
        with contextlib.suppress(OSError, UnicodeDecodeError), open(file, encoding="utf-8") as handle:
            text = handle.read()
        tables.append({"key": key, "columns": list(_mapped_columns(table, cls)),
                       "class": cls.__name__ if cls is not None else None,
                       "file": file, "line": _line(cls, table.name, text)})
    imported = {m.__name__: getattr(m, "__file__", None) for m in modules}
    return {"tables": tables, "imported": imported, "installed": _installed(request["modules"][0], root)}


def _tables(source: str, obj) -> list:
    """(Table, mapped class or None) pairs from a MetaData, a declarative base or a list."""
    from sqlalchemy import MetaData, Table

    if isinstance(obj, MetaData):
        return [(t, None) for t in _sorted_tables(obj)]
    registry = getattr(obj, "registry", None)
    metadata = getattr(obj, "metadata", None)
    if isinstance(metadata, MetaData) and registry is not None and hasattr(registry, "mappers"):
        mapped = {}
        for mapper in registry.mappers:
            table = mapper.local_table
            if isinstance(table, Table):
                mapped.setdefault(table.key, mapper.class_)
        return [(t, mapped.get(t.key)) for t in _sorted_tables(metadata)]
    if isinstance(obj, (list, tuple)):
        out = []
        for item in obj:
            if isinstance(item, Table):
                out.append((item, None))
            elif isinstance(getattr(item, "__table__", None), Table):
                out.append((item.__table__, item))
            else:
                raise InputError(source, f"{item!r} is neither a Table nor a mapped class")
        return out
    raise InputError(source, "expected a SQLAlchemy MetaData, a declarative base, or a list of tables")


def _sorted_tables(metadata) -> list:
    """The tables, each after those it references; in definition order when a foreign key names
    a table these models do not define (Airflow's ``dag_run_note.user_id`` -> ``ab_user``, which
    Flask-AppBuilder's models make)."""
    from sqlalchemy.exc import NoReferencedTableError

    try:
        return list(metadata.sorted_tables)
    except NoReferencedTableError:
        return list(metadata.tables.values())


def _mapped_columns(table, cls) -> tuple[str, ...]:
    if cls is None:
        return tuple(c.name for c in table.columns)
    from sqlalchemy import inspect as sa_inspect

    mapper = sa_inspect(cls)
    names = [c.name for c in mapper.columns if getattr(c, "table", None) is table]
    return tuple(names) or tuple(c.name for c in table.columns)


def _line(cls, table_name: str, text: str) -> int:
    if cls is not None:
        try:
            return inspect.getsourcelines(cls)[1]
        except (OSError, TypeError):
            pass
    for pattern in (rf"Table\(\s*['\"]{re.escape(table_name)}['\"]", rf"__tablename__\s*=\s*['\"]{re.escape(table_name)}['\"]"):
        m = re.search(pattern, text)
        if m:
            return text.count("\n", 0, m.start()) + 1
    return 1


def _ddl(obj, dialect: str) -> str:
    """``CREATE TABLE`` / ``CREATE INDEX`` for every table, as ``metadata.create_all`` would emit
    them for ``dialect``."""
    import importlib as _importlib

    from sqlalchemy import MetaData
    from sqlalchemy.schema import CreateIndex, CreateTable

    metadata = obj if isinstance(obj, MetaData) else getattr(obj, "metadata", None)
    if not isinstance(metadata, MetaData):
        raise TypeError("expected a SQLAlchemy MetaData or a declarative Base")
    name = {"postgres": "postgresql"}.get(dialect, dialect)
    engine_dialect = _importlib.import_module(f"sqlalchemy.dialects.{name}").dialect()
    out = _enum_types(metadata, engine_dialect) if name == "postgresql" else []
    out += _sequences(metadata, engine_dialect)
    for table in _sorted_tables(metadata):
        out.append(str(CreateTable(table).compile(dialect=engine_dialect)).strip() + ";")
        out += [str(CreateIndex(index).compile(dialect=engine_dialect)).strip() + ";" for index in table.indexes]
    return "\n\n".join(out) + "\n"


def _sequences(metadata, dialect) -> list[str]:
    """``CREATE SEQUENCE`` for each ``Sequence`` a column takes its values from, before the
    tables, as ``create_all`` makes them where the dialect has sequences (the column has no
    default of its own: the app's inserts call ``nextval`` by name)."""
    from sqlalchemy import Sequence
    from sqlalchemy.schema import CreateSequence

    if not getattr(dialect, "supports_sequences", False):
        return []
    out, seen = [], set()
    for table in _sorted_tables(metadata):
        for column in table.columns:
            sequence = column.default
            if not isinstance(sequence, Sequence) or getattr(sequence, "optional", False):
                continue
            text = str(CreateSequence(sequence).compile(dialect=dialect)).strip() + ";"
            if text not in seen:
                seen.add(text)
                out.append(text)
    return out


def _enum_types(metadata, dialect) -> list[str]:
    """``CREATE TYPE … AS ENUM`` for each native enum the tables use, before them, as
    ``create_all`` makes them on PostgreSQL."""
    from sqlalchemy import Enum

    out, seen = [], set()
    for table in _sorted_tables(metadata):
        for column in table.columns:
            kind = column.type
            if not (isinstance(kind, Enum) and kind.native_enum and kind.name):
                continue
            name = dialect.identifier_preparer.format_type(kind)
            if name in seen:
                continue
            seen.add(name)
            labels = ", ".join("'" + str(label).replace("'", "''") + "'" for label in kind.enums)
            out.append(f"CREATE TYPE {name} AS ENUM ({labels});")
    return out


def _installed(name: str, root: str | None) -> str | None:
    """Where the top package would have come from without the source tree first: an installed
    copy the checkout shadows (``None`` when there is none, or it is the same folder)."""
    if not root:
        return None
    import importlib.machinery
    import os

    top = name.split(".")[0]
    others = [p for p in sys.path if p and os.path.realpath(p) != os.path.realpath(root)]
    spec = importlib.machinery.PathFinder.find_spec(top, others)
    if spec is None or not spec.origin or spec.origin in ("namespace", "built-in"):
        return None
    here = getattr(sys.modules.get(top), "__file__", None)
    if not here or os.path.realpath(spec.origin) == os.path.realpath(here):
        return None
    return {"package": top, "imported": os.path.dirname(here), "installed": os.path.dirname(spec.origin)}


def _failure(exc: BaseException, root: str | None) -> str:
    place = ""
    ours = os.path.dirname(os.path.dirname(__file__)) + os.sep  # expandcontract's own frames are not the app's
    for frame in traceback.extract_tb(exc.__traceback__):
        if root and frame.filename.startswith(root) and not frame.filename.startswith(ours):
            place = f"{frame.filename}:{frame.lineno}: "
    detail = str(exc).strip().splitlines()
    return f"{place}{type(exc).__name__}: {detail[0] if detail else ''}".rstrip(": ")


def main() -> None:
    request = json.loads(sys.argv[1])
    out = sys.stdout
    sys.stdout = sys.stderr  # the models may print; the answer is ours
    try:
        answer = _load(request)
    except BaseException as exc:  # any failure of user code, in one line
        answer = {"error": _failure(exc, request.get("root"))}
    out.write("\n" + MARK + json.dumps(answer) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
