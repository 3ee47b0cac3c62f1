"""Column type changes: which ones PostgreSQL does without a rewrite, which ones lose values."""

from __future__ import annotations

from .op import TypeRef

__all__ = ["is_binary_coercible", "is_narrowing", "is_null_default", "is_utc", "timestamptz_needs_utc"]

# zone names whose offset is always zero: PostgreSQL 12+ relabels timestamp as timestamptz under them
_UTC_ZONES = frozenset({"utc", "etc/utc", "uct", "etc/uct", "gmt", "etc/gmt", "gmt0", "etc/gmt0", "gmt+0",
                        "gmt-0", "etc/gmt+0", "etc/gmt-0", "greenwich", "etc/greenwich", "universal",
                        "etc/universal", "zulu", "etc/zulu"})


def is_utc(timezone: str | None) -> bool:
    """Whether a TimeZone setting has offset zero at every instant.

    >>> is_utc("UTC"), is_utc("Etc/UTC"), is_utc("Europe/London"), is_utc(None)
    (True, True, False, False)
    """
    return (timezone or "").strip().lower() in _UTC_ZONES


def timestamptz_needs_utc(old: TypeRef | None, new: TypeRef | None) -> bool:
    """``timestamp`` <-> ``timestamptz``: no rewrite on PostgreSQL 12+ when the session TimeZone is
    UTC, a full rewrite otherwise. Either way, when the new type has a precision below 6 (its
    maximum), PostgreSQL cannot tell that the converted value already fits it and rewrites
    (``timestamp(3)`` -> ``timestamptz(3)`` does; ``-> timestamptz`` or ``timestamptz(6)`` does not).

    >>> timestamptz_needs_utc(TypeRef("timestamp"), TypeRef("timestamptz"))
    True
    >>> timestamptz_needs_utc(TypeRef("timestamptz", (3,)), TypeRef("timestamp"))
    True
    >>> timestamptz_needs_utc(TypeRef("timestamp", (3,)), TypeRef("timestamptz", (3,)))
    False
    >>> timestamptz_needs_utc(TypeRef("timestamp"), TypeRef("timestamptz", (6,)))
    True
    """
    if old is None or new is None or old.array != new.array:
        return False
    if (old.name, new.name) not in (("timestamp", "timestamptz"), ("timestamptz", "timestamp")):
        return False
    return new.mods is None or new.mods[0] >= 6


# binary-coercible widenings: no rewrite, no index rebuild
_TEXTLIKE = {"text", "varchar"}


def is_binary_coercible(old: TypeRef | None, new: TypeRef | None) -> bool:
    """True when ``ALTER COLUMN … TYPE new`` from ``old`` needs no rewrite.

    >>> is_binary_coercible(TypeRef("varchar", (20,)), TypeRef("varchar", (50,)))
    True
    >>> is_binary_coercible(TypeRef("varchar", (50,)), TypeRef("varchar", (20,)))
    False
    >>> is_binary_coercible(TypeRef("integer"), TypeRef("bigint"))
    False
    >>> is_binary_coercible(TypeRef("numeric", (10, 2)), TypeRef("numeric", (12, 2)))
    True

    text -> unconstrained varchar is a relabel too (checked on PostgreSQL: same relfilenode):

    >>> is_binary_coercible(TypeRef("text"), TypeRef("varchar"))
    True
    >>> is_binary_coercible(TypeRef("text"), TypeRef("varchar", (100,)))
    False
    """
    if old is None or new is None or old.array != new.array:
        return False
    if old.name == new.name and old.mods == new.mods:
        return True
    if old.name in _TEXTLIKE and new.name == "text":
        return True
    if old.name == "text" and new.name == "varchar":
        return new.mods is None
    if old.name == "varchar" and new.name == "varchar":
        return new.mods is None or (old.mods is not None and new.mods[0] >= old.mods[0])
    if old.name == "char" and new.name in ("text", "varchar") and new.mods is None:
        return False  # bpchar -> text strips padding: a rewrite
    if old.name == "numeric" and new.name == "numeric":
        if new.mods is None:
            return True
        if old.mods is None:
            return False
        old_scale = old.mods[1] if len(old.mods) > 1 else 0
        new_scale = new.mods[1] if len(new.mods) > 1 else 0
        return new_scale == old_scale and new.mods[0] >= old.mods[0]
    if old.name in ("timestamp", "timestamptz", "time", "timetz", "interval") and old.name == new.name:
        return new.mods is None or (old.mods is not None and new.mods[0] >= old.mods[0])
    if {old.name, new.name} == {"cidr", "inet"}:
        return old.name == "cidr"
    if old.name == "bit" and new.name == "varbit":
        return True
    if old.name == "varbit" and new.name == "varbit":
        return new.mods is None or (old.mods is not None and new.mods[0] >= old.mods[0])
    return False


def is_null_default(default: str) -> bool:
    """``DEFAULT NULL`` (or ``NULL::type``) stores nothing."""
    return default.split("::", 1)[0].strip().upper() == "NULL"


_INTEGER_DIGITS = {"smallint": 5, "integer": 10, "bigint": 19}  # decimal digits of their maximum


def _numeric_digits(mods: tuple[int, ...]) -> tuple[int, int]:
    """``(digits before the point, digits after)`` of ``numeric(p, s)``."""
    scale = mods[1] if len(mods) > 1 else 0
    return mods[0] - scale, scale


def is_narrowing(old: TypeRef | None, new: TypeRef | None) -> bool:
    """True when some value the old type holds no longer fits (the old app's writes can fail).

    >>> is_narrowing(TypeRef("varchar", (50,)), TypeRef("varchar", (20,)))
    True
    >>> is_narrowing(TypeRef("integer"), TypeRef("bigint"))
    False

    ``numeric(p, s)`` holds ``p - s`` digits before the point: more scale can mean fewer of them.

    >>> is_narrowing(TypeRef("numeric", (10, 2)), TypeRef("numeric", (10, 4)))
    True
    >>> is_narrowing(TypeRef("numeric", (10, 2)), TypeRef("numeric", (12, 4)))
    False
    >>> is_narrowing(TypeRef("integer"), TypeRef("numeric", (5, 0))), is_narrowing(TypeRef("integer"), TypeRef("numeric"))
    (True, False)
    """
    if old is None or new is None or is_binary_coercible(old, new):
        return False
    if new.name == "numeric" and new.mods and not old.array:
        new_int, new_scale = _numeric_digits(new.mods)
        if old.name in _INTEGER_DIGITS:
            return new_int < _INTEGER_DIGITS[old.name]
        if old.name == "numeric":
            if not old.mods:
                return True
            old_int, old_scale = _numeric_digits(old.mods)
            return new_int < old_int or new_scale < old_scale
    widen = {
        ("smallint", "integer"), ("smallint", "bigint"), ("integer", "bigint"),
        ("real", "double precision"), ("smallint", "numeric"), ("integer", "numeric"),
        ("bigint", "numeric"), ("timestamp", "timestamptz"), ("json", "jsonb"),
        ("char", "text"), ("char", "varchar"), ("varchar", "text"),
        ("integer", "text"), ("bigint", "text"), ("uuid", "text"),
    }
    if (old.name, new.name) in widen and not (new.mods and new.name != "numeric"):
        return False
    if old.name == new.name and old.mods and new.mods:
        return new.mods[0] < old.mods[0]
    if old.name == new.name and new.mods and not old.mods:
        return True
    return True
