"""Identifier quoting and limits, the way PostgreSQL's ``quote_ident`` does it."""

from __future__ import annotations

from .lazyre import LazyPattern

__all__ = ["MAX_IDENTIFIER_BYTES", "bounded_identifier", "quote_ident", "quote_qualified"]

MAX_IDENTIFIER_BYTES = 63

# PostgreSQL keywords that cannot be used as bare column or table names
# (RESERVED, TYPE_FUNC_NAME and COL_NAME categories of src/include/parser/kwlist.h).
_KEYWORDS = frozenset(
    """
    all analyse analyze and any array as asc asymmetric both case cast check collate column
    constraint create current_catalog current_date current_role current_time current_timestamp
    current_user default deferrable desc distinct do else end except false fetch for foreign from
    grant group having in initially intersect into lateral leading limit localtime localtimestamp
    not null offset on only or order placing primary references returning select session_user
    some symmetric system_user table then to trailing true union unique user using variadic when
    where window with authorization binary collation concurrently cross current_schema freeze
    full ilike inner is isnull join left like natural notnull outer overlaps right similar
    tablesample verbose between bigint bit boolean char character coalesce dec decimal exists
    extract float greatest grouping inout int integer interval json json_array json_arrayagg
    json_exists json_object json_objectagg json_query json_scalar json_serialize json_table
    json_value least merge_action national nchar none normalize nullif numeric out overlay
    position precision real row setof smallint substring time timestamp treat trim values
    varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi
    xmlroot xmlserialize xmltable
    """.split()
)
_BARE = LazyPattern(r"[a-z_][a-z0-9_$]*\Z")


def quote_ident(name: str) -> str:
    """Quote ``name`` when PostgreSQL needs it (mixed case, keywords, odd characters).

    >>> quote_ident("users"), quote_ident("User"), quote_ident("order"), quote_ident('a"b')
    ('users', '"User"', '"order"', '"a""b"')
    """
    if _BARE.match(name) and name not in _KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


def quote_qualified(name: str) -> str:
    """Quote a ``schema.name`` written the way the schema model keys it.

    >>> quote_qualified("app.Order")
    'app."Order"'
    """
    return ".".join(quote_ident(part) for part in name.split("."))


def truncate_identifier(name: str) -> str:
    """What PostgreSQL keeps of an over-long identifier: its first 63 bytes.

    >>> len(truncate_identifier("x" * 80).encode())
    63
    """
    data = name.encode("utf-8")
    if len(data) <= MAX_IDENTIFIER_BYTES:
        return name
    return data[:MAX_IDENTIFIER_BYTES].decode("utf-8", "ignore")


def bounded_identifier(name: str) -> str:
    """A generated name that fits in 63 bytes: over-long names keep their start and get a short
    hash of the whole name, so two long names that share a prefix stay distinct (PostgreSQL
    itself would silently truncate both to the same 63 bytes).

    >>> bounded_identifier("users_sync_email")
    'users_sync_email'
    >>> long = bounded_identifier("t" * 70 + "_a"); len(long.encode()), long == bounded_identifier("t" * 70 + "_b")
    (63, False)
    """
    data = name.encode("utf-8")
    if len(data) <= MAX_IDENTIFIER_BYTES:
        return name
    import hashlib  # here, not at import: loading OpenSSL costs milliseconds at every start

    digest = hashlib.sha1(data).hexdigest()[:8]
    head = data[: MAX_IDENTIFIER_BYTES - len(digest) - 1].decode("utf-8", "ignore")
    return f"{head}_{digest}"
