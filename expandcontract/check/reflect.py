"""Edge: the baseline schema read from a live PostgreSQL database (``--schema-from-db``).

Reads the catalogs in one read-only transaction: tables and their columns (type, NOT NULL,
default, identity, generated), constraints, indexes, views with their columns, and enums.
System schemas are left out; ``public`` names are keyed bare, like the schema model does.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from ..core.errors import InputError
from ..core.ops import TypeRef
from ..core.schema import Column, Constraint, Index, Schema, Table, View

__all__ = ["redact", "redirects_from_database", "schema_from_database"]

_USER_SCHEMAS = ("n.nspname NOT IN ('pg_catalog', 'information_schema') "
                 "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'")

RELATIONS = f"""
SELECT c.oid, n.nspname, c.relname, c.relkind
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {_USER_SCHEMAS}
ORDER BY n.nspname, c.relname
"""
COLUMNS = f"""
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {_USER_SCHEMAS}
ORDER BY a.attrelid, a.attnum
"""
CONSTRAINTS = f"""
SELECT con.conrelid, con.conname, con.contype, con.convalidated,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos),
       CASE WHEN con.confrelid <> 0 THEN con.confrelid::regclass::text END
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND {_USER_SCHEMAS}
"""
INDEXES = f"""
SELECT ic.relname, n.nspname, i.indrelid, i.indisunique, i.indpred IS NOT NULL,
       ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, pos)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.pos),
       0 = ANY(i.indkey::int2[])
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = ic.relnamespace
WHERE {_USER_SCHEMAS}
"""
VIEWS = f"""
SELECT c.oid, pg_get_viewdef(c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND {_USER_SCHEMAS}
"""
ENUMS = f"""
SELECT n.nspname, t.typname, ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND {_USER_SCHEMAS}
"""

_CONSTRAINT_KINDS = {"p": "primary_key", "u": "unique", "f": "foreign_key", "c": "check", "x": "exclusion"}
_TYPE_NAMES = {
    "character varying": "varchar",
    "character": "char",
    "timestamp with time zone": "timestamptz",
    "timestamp without time zone": "timestamp",
    "time with time zone": "timetz",
    "time without time zone": "time",
    "bit varying": "varbit",
}


def redact(url: str) -> str:
    """The URL without its password, for messages (any form libpq reads, malformed ones too).

    >>> redact("postgresql://app:secret@db:5432/prod")
    'postgresql://app:***@db:5432/prod'
    """
    from ..runner.urls import mask_url

    return mask_url(url)


def _connect(url: str, **kwargs):
    """A connection, or ``InputError``: one line, the password masked even in libpq's message."""
    import psycopg

    from ..runner.db import valid_conninfo
    from ..runner.urls import redact as scrub

    conninfo = valid_conninfo(url)  # a malformed URL: one line, masked, exit 2
    try:
        return psycopg.connect(conninfo, connect_timeout=10, **kwargs)
    except (psycopg.Error, ValueError) as exc:
        raise InputError(redact(url), f"cannot connect: {scrub(_first_line(exc), url)}") from None


# INSTEAD OF triggers and unconditional DO INSTEAD rules on views, with the writes they take
# over as trigger event bits (insert 4, delete 8, update 16)
REDIRECTS = f"""
SELECT n.nspname, c.relname, 'trigger ' || t.tgname, t.tgtype::int
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'v' AND NOT t.tgisinternal AND (t.tgtype::int & 64) <> 0 AND {_USER_SCHEMAS}
UNION ALL
SELECT n.nspname, c.relname, 'rule ' || r.rulename, CASE r.ev_type WHEN '3' THEN 4 WHEN '4' THEN 8 ELSE 16 END
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'v' AND r.is_instead AND r.ev_type IN ('2', '3', '4') AND r.ev_qual::text = '<>'
  AND {_USER_SCHEMAS}
"""
_EVENTS = ((4, "insert"), (8, "delete"), (16, "update"))


def redirects_from_database(url: str) -> dict[str, dict[str, frozenset[str]]]:
    """The writes INSTEAD OF triggers and DO INSTEAD rules take over, per view (see
    ``catalog.redirect``): the schema model keeps no triggers, so they are read on their own."""
    import psycopg

    from ..runner.urls import redact as scrub

    try:
        with _connect(url, autocommit=True) as conn:
            rows = conn.execute(REDIRECTS).fetchall()
    except psycopg.Error as exc:
        raise InputError(redact(url), f"cannot read the triggers: {scrub(_first_line(exc), url)}") from None
    found: dict[str, dict[str, frozenset[str]]] = {}
    for nsp, name, what, bits in rows:
        found.setdefault(_key(nsp, name), {})[what] = frozenset(op for bit, op in _EVENTS if bits & bit)
    return found


def schema_from_database(url: str) -> Schema:
    """Reflect the schema of the database at ``url``. Raises ``InputError`` when it cannot."""
    import psycopg

    from ..runner.urls import redact as scrub

    conn = _connect(url, autocommit=False)
    try:
        with conn:
            conn.read_only = True
            with conn.cursor() as cur:
                return _reflect(cur)
    except psycopg.Error as exc:
        raise InputError(redact(url), f"cannot read the catalogs: {scrub(_first_line(exc), url)}") from None
    finally:
        conn.close()


def _key(schema: str, name: str) -> str:
    return name if schema == "public" else f"{schema}.{name}"


def _reflect(cur) -> Schema:
    relations = {oid: (_key(nsp, name), kind) for oid, nsp, name, kind in cur.execute(RELATIONS).fetchall()}
    columns: dict[int, dict[str, Column]] = {oid: {} for oid in relations}
    for oid, name, sql_type, not_null, default, identity, generated in cur.execute(COLUMNS).fetchall():
        is_generated = bool(generated and generated.strip())
        columns[oid][name] = Column(
            name=name, type=type_ref(sql_type), not_null=bool(not_null),
            default=None if is_generated else default, identity=bool(identity and identity.strip()),
            generated=is_generated,
        )
    constraints: dict[int, dict[str, Constraint]] = {oid: {} for oid in relations}
    for oid, name, kind, validated, cols, references in cur.execute(CONSTRAINTS).fetchall():
        if oid in constraints:
            constraints[oid][name] = Constraint(name, _CONSTRAINT_KINDS[kind], tuple(cols), bool(validated),
                                                references)
    indexes = {}
    for name, nsp, table_oid, unique, partial, cols, has_expression in cur.execute(INDEXES).fetchall():
        if table_oid in relations:
            key = _key(nsp, name)
            indexes[key] = Index(key, relations[table_oid][0], () if has_expression else tuple(cols),
                                 bool(unique), bool(partial))
    view_sql = dict(cur.execute(VIEWS).fetchall())
    enums = {_key(nsp, name): tuple(values) for nsp, name, values in cur.execute(ENUMS).fetchall()}
    tables, views = {}, {}
    for oid, (key, kind) in relations.items():
        if kind in ("v", "m"):
            sql = (view_sql.get(oid) or "").strip().rstrip(";")
            depends_on, reads_columns = _reads(sql)
            views[key] = View(key, sql, tuple(columns[oid]), depends_on=depends_on, reads_columns=reads_columns)
        else:
            tables[key] = Table(key, MappingProxyType(columns[oid]), MappingProxyType(constraints[oid]),
                                partitioned=kind == "p")
    return Schema(tables=MappingProxyType(tables), views=MappingProxyType(views),
                  indexes=MappingProxyType(indexes), enums=MappingProxyType(enums),
                  knows_triggers=False)  # the catalog's triggers are not read


def type_ref(text: str) -> TypeRef:
    """``format_type`` output -> ``TypeRef``.

    >>> type_ref("character varying(20)[]")
    TypeRef(name='varchar', mods=(20,), array=True, schema=None)
    """
    array = text.endswith("[]")
    base = text[:-2] if array else text
    m = re.match(r"^(.*?)\(([\d,\s]+)\)(.*)$", base)
    mods = None
    if m:
        base = (m.group(1) + m.group(3)).strip()
        mods = tuple(int(x) for x in m.group(2).split(","))
    schema = None
    if "." in base and not base.startswith('"'):
        schema, base = base.split(".", 1)
    return TypeRef(_TYPE_NAMES.get(base, base), mods, array, schema)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _reads(query: str):
    """What a view definition reads (``pg_get_viewdef`` text), for ``DROP … CASCADE`` replay."""
    from ..core.ops.views import query_reads
    from ..core.parse import parse_sql

    statements = parse_sql(query)
    return query_reads(statements[0].node) if len(statements) == 1 and statements[0].node else (frozenset(), None)
